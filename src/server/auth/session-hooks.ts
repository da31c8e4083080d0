import type { BetterAuthOptions } from 'better-auth';
import { APIError } from 'better-auth/api';

type SessionCreateBefore = NonNullable<NonNullable<NonNullable<BetterAuthOptions['databaseHooks']>['session']>['create']>['before'];
type EndpointContext = NonNullable<Parameters<NonNullable<SessionCreateBefore>>[1]>;

/** better-auth's OAuth callback endpoint: the only way a session comes from an identity provider. */
const OAUTH_CALLBACK = '/callback/:id';

/**
 * How this session was signed in to. Only a session created by the identity provider's callback is
 * `oidc:<provider>`; everything else counts as `password`, which never exempts anyone from TOTP, so a
 * mislabelled session can only ask for more, never less.
 */
function authMethodOf(ctx: EndpointContext, replacing: Record<string, unknown> | null): string {
  if (ctx.path === OAUTH_CALLBACK && typeof ctx.params?.id === 'string') return `oidc:${ctx.params.id}`;
  return typeof replacing?.authMethod === 'string' ? replacing.authMethod : 'password';
}

/**
 * Every new session passes here, whatever endpoint creates it:
 * - a deactivated user gets none (the same refusal as a wrong password, after the password check, so
 *   it takes as long and reads the same);
 * - it records how the user signed in (`authMethod`), which the two-factor rule reads;
 * - a session that replaces the current one (change password, turning on TOTP) keeps its sign-in method
 *   and the membership the user was working as.
 */
export const sessionCreateBefore: SessionCreateBefore = async (session, ctx) => {
  if (!ctx) return;
  const user = await ctx.context.internalAdapter.findUserById(session.userId);
  if (!user || (user as { active?: boolean }).active === false) {
    throw APIError.from('UNAUTHORIZED', { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
  }
  const current = ctx.context.session?.session as (Record<string, unknown> & { userId: string }) | undefined;
  const replacing = current && current.userId === session.userId ? current : null;
  const data: Record<string, unknown> = {};
  if (!session.authMethod) data.authMethod = authMethodOf(ctx, replacing);
  if (!session.activeMembershipId && typeof replacing?.activeMembershipId === 'string') data.activeMembershipId = replacing.activeMembershipId;
  return { data };
};
