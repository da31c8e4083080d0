import { useQuery } from '@tanstack/react-query';
import { Button, Heading } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { listAuthProviders } from '../../api/auth';

/** A link per identity provider (e.g. the municipality's). Hidden when none is configured. */
export function SsoProviders({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation('auth');
  const { data: providers = [] } = useQuery({ queryKey: ['auth-providers'], queryFn: listAuthProviders, staleTime: Infinity });
  if (providers.length === 0) return null;
  return (
    <section aria-labelledby="sso-heading" className="stack sign-in__sso">
      <Heading level={2} data-size="2xs" id="sso-heading">
        {t('signIn.otherWays')}
      </Heading>
      <ul className="button-list">
        {providers.map((provider) => (
          <li key={provider.id}>
            <Button asChild variant="secondary">
              <a href={`${provider.signInUrl ?? `/api/auth-providers/${encodeURIComponent(provider.id)}/sign-in`}?returnTo=${encodeURIComponent(returnTo)}`}>
                {t('signIn.withProvider', { name: provider.name })}
              </a>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
