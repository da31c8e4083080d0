import { useState } from 'react';
import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { changePassword } from '../../api/auth';
import { isApiError } from '../../api/client';
import { changePasswordSchema } from '../auth/schemas';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth';
import { isInvalidPassword } from '../auth/auth-errors';
import { authSessionKeys } from './SessionsSection';

/** A new password; every other device is signed out, since a changed password often means a worry. */
export function ChangePasswordSection() {
  const { t } = useTranslation(['account', 'auth']);
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  const form = useAppForm(changePasswordSchema, { defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' } });

  return (
    <section aria-labelledby="password-heading" className="account-section stack">
      <Heading level={2} data-size="sm" id="password-heading">
        {t('password.heading')}
      </Heading>
      {changed && (
        <Alert data-color="success" role="status">
          <Paragraph>{t('password.changed')}</Paragraph>
        </Alert>
      )}
      <AppForm
        id="change-password"
        form={form}
        describeError={(error) => (isInvalidPassword(error) && isApiError(error) ? { field: 'currentPassword', message: error.message } : undefined)}
        onSubmit={async ({ currentPassword, newPassword }) => {
          setChanged(false);
          await changePassword(currentPassword, newPassword);
          form.reset();
          setChanged(true);
          await queryClient.invalidateQueries({ queryKey: authSessionKeys.all });
        }}
      >
        <TextField name="currentPassword" label={t('password.current')} type="password" autoComplete="current-password" />
        <TextField name="newPassword" label={t('password.new')} description={t('auth:passwordRules', { count: PASSWORD_MIN_LENGTH })} type="password" autoComplete="new-password" />
        <TextField name="confirmPassword" label={t('password.confirm')} type="password" autoComplete="new-password" />
        <SubmitButton>{t('password.submit')}</SubmitButton>
      </AppForm>
    </section>
  );
}
