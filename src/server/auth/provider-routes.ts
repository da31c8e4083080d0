import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isAPIError } from 'better-auth/api';
import { authProvidersSchema, ssoStartParamsSchema, ssoStartQuerySchema } from '../../shared/auth';
import { notFound } from '../http/errors';
import type { Auth } from './auth';
import { ssoSignInPath } from './oidc';
import { forwardedHeaders } from './routes';

/** Where a failed single sign-on lands, with `?error=<code>`: the web app's start page shows the sign-in form. */
const SSO_ERROR_PATH = '/';

/**
 * Public routes of the sign-in page: which identity providers there are, and a plain link that starts
 * single sign-on with one of them (better-auth's /sign-in/social does the work: state, PKCE, nonce).
 */
export function registerAuthProviderRoutes(app: FastifyInstance, auth: Auth): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/api/auth-providers',
    { schema: { tags: ['auth'], summary: 'Ways to sign in besides e-mail and password (public)', response: { 200: authProvidersSchema } } },
    async () => ({
      providers: auth.samverka.oidcProviders.map(({ id, name }) => ({ id, name, signInUrl: ssoSignInPath(id) })),
    }),
  );

  routes.get(
    '/api/auth-providers/:providerId/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on: redirects to the identity provider, which comes back to /api/auth/callback/:providerId',
        params: ssoStartParamsSchema,
        querystring: ssoStartQuerySchema,
      },
    },
    async (request, reply) => {
      const { providerId } = request.params;
      if (!auth.samverka.oidcProviders.some((provider) => provider.id === providerId)) throw notFound();
      let started: { headers: Headers | null; response: { url?: string } };
      try {
        started = await auth.api.signInSocial({
          body: { provider: providerId, callbackURL: request.query.returnTo ?? '/', errorCallbackURL: SSO_ERROR_PATH, disableRedirect: true },
          headers: forwardedHeaders(request),
          returnHeaders: true,
        });
      } catch (error) {
        // Typically the provider's discovery document could not be fetched (yet); better-auth retries it.
        if (isAPIError(error)) {
          request.log.warn({ providerId, status: error.statusCode }, 'single sign-on could not start');
          throw notFound();
        }
        throw error;
      }
      const url = started.response.url;
      if (!url) throw notFound();
      const cookies = started.headers?.getSetCookie() ?? [];
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      return reply.redirect(url, 302);
    },
  );
}
