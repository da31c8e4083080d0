import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { sessionKeys, useSession } from '../../api/session';
import { signInWithPassword } from '../../api/auth';
import { safeNext } from '../../app/RouteGate';
import { signInSchema, type SignInValues } from './schemas';
import { TwoFactorStep } from './TwoFactorStep';
import { SsoProviders } from './SsoProviders';

/**
 * Sign in with e-mail and password, then, when the account has it, the authenticator code.
 * After that the route gate takes over: choose a role when there are several, set up two-factor when
 * the role requires it, then the page the user came for.
 */
export default function SignInPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const [step, setStep] = useState<'password' | 'two-factor'>('password');
  const [restartMessage, setRestartMessage] = useState<string | null>(null);
  const form = useAppForm(signInSchema, { defaultValues: { email: '', password: '' } satisfies SignInValues });

  const finish = async () => {
    await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    await navigate(next, { replace: true });
  };

  if (session && step === 'password') return <Navigate to={next} replace />;

  return (
    <Page title={t('signIn.title')} width="narrow">
      <Notices params={params} />
      {restartMessage && step === 'password' && (
        <Alert data-color="warning">
          <Paragraph>{restartMessage}</Paragraph>
        </Alert>
      )}
      {step === 'password' ? (
        <>
          <AppForm
            id="sign-in"
            form={form}
            failedHeading={t('signIn.failed')}
            onSubmit={async ({ email, password }) => {
              setRestartMessage(null);
              const result = await signInWithPassword(email, password);
              if (result.twoFactorRedirect) setStep('two-factor');
              else await finish();
            }}
          >
            <TextField name="email" label={t('signIn.email')} type="email" autoComplete="username" spellCheck={false} autoCapitalize="none" />
            <TextField name="password" label={t('signIn.password')} type="password" autoComplete="current-password" />
            <SubmitButton>{t('signIn.submit')}</SubmitButton>
          </AppForm>
          <Paragraph data-size="sm" className="sign-in__help">
            {t('signIn.forgotPassword')}
          </Paragraph>
          <SsoProviders returnTo={next} />
        </>
      ) : (
        <TwoFactorStep
          onVerified={finish}
          onRestart={(message) => {
            form.resetField('password');
            setRestartMessage(message);
            setStep('password');
          }}
        />
      )}
    </Page>
  );
}

/** Messages carried in the address: signed out, password set, single sign-on failed. */
function Notices({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation('auth');
  if (params.get('error')) {
    return (
      <Alert data-color="danger">
        <Paragraph>{t('signIn.ssoFailed')}</Paragraph>
      </Alert>
    );
  }
  const notice = params.has('losenord') ? t('signIn.passwordSet') : params.has('utloggad') ? t('signIn.signedOut') : null;
  if (!notice) return null;
  return (
    <Alert data-color="success">
      <Paragraph>{notice}</Paragraph>
    </Alert>
  );
}
