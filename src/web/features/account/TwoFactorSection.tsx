import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Heading, ListItem, ListOrdered, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { enableTwoFactor, verifyTotp } from '../../api/auth';
import { sessionKeys } from '../../api/session';
import { confirmPasswordSchema, totpCodeSchema } from '../auth/schemas';
import { isInvalidPassword } from '../auth/auth-errors';
import { isApiError } from '../../api/client';
import { TotpQrCode } from './TotpQrCode';
import { RecoveryCodes } from './RecoveryCodes';

type Enrolment = { totpURI: string; backupCodes: string[] };

/**
 * Turning on two-factor: confirm the password, scan the QR code (or type the key), keep the recovery
 * codes, and prove it works with one code. Only then is it on (better-auth's enable + verify-totp).
 */
export function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [justEnabled, setJustEnabled] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const passwordForm = useAppForm(confirmPasswordSchema, { defaultValues: { password: '' } });
  const codeForm = useAppForm(totpCodeSchema, { defaultValues: { code: '' } });

  useEffect(() => {
    if (justEnabled) doneRef.current?.focus();
  }, [justEnabled]);

  return (
    <section aria-labelledby="tvastegsverifiering" className="account-section stack">
      <Heading level={2} data-size="sm" id="tvastegsverifiering">
        {t('twoFactor.heading')}
      </Heading>
      {justEnabled && (
        <div ref={doneRef} tabIndex={-1}>
          <Alert data-color="success">
            <Paragraph>{t('twoFactor.enabledNow')}</Paragraph>
          </Alert>
        </div>
      )}
      {enabled ? (
        !justEnabled && (
          <Paragraph>
            <Tag data-color="success">{t('twoFactor.on')}</Tag> {t('twoFactor.onBody')}
          </Paragraph>
        )
      ) : enrolment === null ? (
        <>
          <Paragraph>{t('twoFactor.intro')}</Paragraph>
          <AppForm
            id="two-factor-start"
            form={passwordForm}
            describeError={(error) => (isInvalidPassword(error) && isApiError(error) ? { field: 'password', message: error.message } : undefined)}
            onSubmit={async ({ password }) => {
              setEnrolment(await enableTwoFactor(password));
              passwordForm.reset();
            }}
          >
            <TextField name="password" label={t('twoFactor.password')} description={t('twoFactor.passwordHelp')} type="password" autoComplete="current-password" />
            <SubmitButton>{t('twoFactor.start')}</SubmitButton>
          </AppForm>
        </>
      ) : (
        <ListOrdered className="enrolment-steps">
          <ListItem>
            <Heading level={3} data-size="2xs">
              {t('twoFactor.scanHeading')}
            </Heading>
            <Paragraph data-size="sm">{t('twoFactor.scanBody')}</Paragraph>
            <TotpQrCode uri={enrolment.totpURI} />
          </ListItem>
          <ListItem>
            <Heading level={3} data-size="2xs">
              {t('twoFactor.recoveryHeading')}
            </Heading>
            <Paragraph data-size="sm">{t('twoFactor.recoveryBody')}</Paragraph>
            <RecoveryCodes codes={enrolment.backupCodes} />
          </ListItem>
          <ListItem>
            <Heading level={3} data-size="2xs">
              {t('twoFactor.confirmHeading')}
            </Heading>
            <div className="enrolment-confirm">
              <AppForm
                id="two-factor-confirm"
                form={codeForm}
                onSubmit={async ({ code }) => {
                  await verifyTotp(code);
                  setEnrolment(null);
                  setJustEnabled(true);
                  await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
                }}
              >
                <TextField name="code" label={t('twoFactor.code')} description={t('twoFactor.codeHelp')} inputMode="numeric" autoComplete="one-time-code" maxLength={7} />
                <SubmitButton>{t('twoFactor.confirm')}</SubmitButton>
              </AppForm>
            </div>
          </ListItem>
        </ListOrdered>
      )}
    </section>
  );
}
