import { useEffect, useState } from 'react';
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { verifyBackupCode, verifyTotp } from '../../api/auth';
import { backupCodeSchema, totpCodeSchema } from './schemas';
import { isTwoFactorRestart } from './auth-errors';
import { isApiError } from '../../api/client';

/** The second step of sign-in: a code from the authenticator app, or one of the saved recovery codes. */
export function TwoFactorStep({ onVerified, onRestart }: { onVerified: () => Promise<void>; onRestart: (message: string) => void }) {
  const { t } = useTranslation('auth');
  const [useBackup, setUseBackup] = useState(false);
  const totpForm = useAppForm(totpCodeSchema, { defaultValues: { code: '' } });
  const backupForm = useAppForm(backupCodeSchema, { defaultValues: { code: '' } });

  // The step replaces the password form: put the user in the code field right away.
  useEffect(() => {
    (useBackup ? backupForm : totpForm).setFocus('code');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form objects are stable
  }, [useBackup]);

  const verify = async (code: string, check: (code: string) => Promise<unknown>) => {
    try {
      await check(code);
    } catch (error) {
      if (isTwoFactorRestart(error)) {
        onRestart(isApiError(error) ? error.message : t('twoFactor.restart'));
        return;
      }
      throw error;
    }
    await onVerified();
  };

  return (
    <section aria-labelledby="two-factor-heading" className="stack">
      <Heading level={2} data-size="sm" id="two-factor-heading">
        {t('twoFactor.heading')}
      </Heading>
      {useBackup ? (
        <AppForm id="backup-code" form={backupForm} failedHeading={t('signIn.failed')} onSubmit={({ code }) => verify(code, verifyBackupCode)}>
          <TextField name="code" label={t('twoFactor.backupCode')} description={t('twoFactor.backupCodeHelp')} autoComplete="off" spellCheck={false} />
          <SubmitButton>{t('twoFactor.submit')}</SubmitButton>
        </AppForm>
      ) : (
        <AppForm id="totp" form={totpForm} failedHeading={t('signIn.failed')} onSubmit={({ code }) => verify(code, verifyTotp)}>
          <TextField name="code" label={t('twoFactor.code')} description={t('twoFactor.codeHelp')} inputMode="numeric" autoComplete="one-time-code" maxLength={7} />
          <SubmitButton>{t('twoFactor.submit')}</SubmitButton>
        </AppForm>
      )}
      <Paragraph data-size="sm">
        <Button variant="tertiary" data-size="sm" onClick={() => setUseBackup((value) => !value)}>
          {useBackup ? t('twoFactor.useApp') : t('twoFactor.useBackup')}
        </Button>
      </Paragraph>
    </section>
  );
}
