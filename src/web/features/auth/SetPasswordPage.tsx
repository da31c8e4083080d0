import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { resetPassword } from '../../api/auth';
import { isApiError } from '../../api/client';
import { paths } from '../../app/paths';
import { setPasswordSchema } from './schemas';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth';

/** An invited user's first password, from the one-time link in the invitation (`?token=...`). */
export default function SetPasswordPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const form = useAppForm(setPasswordSchema, { defaultValues: { newPassword: '', confirmPassword: '' } });

  return (
    <Page title={t('setPassword.title')} width="narrow">
      {!token ? (
        <Alert data-color="danger">
          <Paragraph>{t('setPassword.invalidLink')}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t('setPassword.intro', { count: PASSWORD_MIN_LENGTH })}</Paragraph>
          <AppForm
            id="set-password"
            form={form}
            describeError={(error) =>
              isApiError(error) && (error.code === 'validation_failed' || error.code === 'auth_failed' || error.code === 'not_found') ? t('setPassword.invalidLink') : undefined
            }
            onSubmit={async ({ newPassword }) => {
              await resetPassword(token, newPassword);
              await navigate(`${paths.signIn}?losenord=satt`, { replace: true });
            }}
          >
            <TextField
              name="newPassword"
              label={t('setPassword.newPassword')}
              description={t('passwordRules', { count: PASSWORD_MIN_LENGTH })}
              type="password"
              autoComplete="new-password"
            />
            <TextField name="confirmPassword" label={t('setPassword.confirmPassword')} type="password" autoComplete="new-password" />
            <SubmitButton>{t('setPassword.submit')}</SubmitButton>
          </AppForm>
        </>
      )}
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={paths.signIn}>{t('setPassword.toSignIn')}</RouterLink>
        </Link>
      </Paragraph>
    </Page>
  );
}
