import type { GenericOAuthConfig } from 'better-auth/plugins';
import type { OidcProviderConfig } from '../config';

export interface OidcProviderSummary {
  id: string;
  name: string;
}

/**
 * The municipality's identity providers (SAMVERKA_OIDC_PROVIDERS) as better-auth generic OAuth
 * providers. Endpoints and signing keys come from the issuer's discovery document.
 *
 * Only users an administrator has created may sign in: no sign-up, and an existing user is matched by
 * e-mail only when the provider says the address is verified (better-auth links the account then).
 */
export function genericOAuthConfigs(providers: OidcProviderConfig[]): GenericOAuthConfig[] {
  return providers.map((provider) => ({
    providerId: provider.id,
    name: provider.name,
    discoveryUrl: `${provider.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    // Never trust an ID token that could not be verified against the issuer's published keys.
    requireIdTokenVerification: true,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    scopes: provider.scopes ?? ['openid', 'email', 'profile'],
    pkce: true,
    disableSignUp: true,
    disableImplicitSignUp: true,
    // The administrator's record (name, e-mail) stays the truth; the provider does not overwrite it.
    overrideUserInfo: false,
  }));
}

/** The start of single sign-on for one provider: a plain link the sign-in page can show. */
export function ssoSignInPath(providerId: string): string {
  return `/api/auth-providers/${encodeURIComponent(providerId)}/sign-in`;
}
