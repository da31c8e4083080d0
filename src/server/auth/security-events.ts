import { getSessionFromCtx } from 'better-auth/api';
import type { createAuthMiddleware } from 'better-auth/api';
import { CLIENT_IP_HEADER } from './client-ip';

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** Where a sign-in came from: the address the bridge worked out (never a client's own header) and the browser. */
export function clientOf(ctx: HookContext): { ip: string | null; userAgent: string | null } {
  return { ip: ctx.headers?.get(CLIENT_IP_HEADER) || null, userAgent: ctx.headers?.get('user-agent') || null };
}

/**
 * Who a request is about, found before better-auth handles it, for the security event written after:
 * better-auth consumes what says so (a spent two-factor challenge, a revoked session, a used
 * set-password token). Keyed by the request's own credential, so two requests can only share an
 * entry when they carry the same credential, and then they are about the same user.
 */
const pending = new Map<string, string>();
const PENDING_MAX = 10_000;

function keyOf(ctx: HookContext, credential: string): string {
  return `${ctx.path}\u0000${credential}`;
}

function remember(key: string, userId: string): void {
  // Entries are taken by the after hook; a request that never reached it must not grow this forever.
  if (pending.size >= PENDING_MAX) pending.delete(pending.keys().next().value!);
  pending.set(key, userId);
}

/** The credential the user is known by on this path, as the after hook will see it again. */
async function credentialOf(ctx: HookContext): Promise<string | null> {
  if (ctx.path.startsWith('/two-factor/verify-')) {
    const cookie = ctx.context.createAuthCookie('two_factor');
    const signed = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
    return typeof signed === 'string' && signed ? `2fa:${signed}` : null;
  }
  if (ctx.path === '/revoke-sessions') return `cookie:${ctx.headers?.get('cookie') ?? ''}`;
  if (ctx.path === '/reset-password') {
    const token = (ctx.body as { token?: unknown } | undefined)?.token;
    return typeof token === 'string' && token.length <= 200 ? `reset:${token}` : null;
  }
  return null;
}

/** Paths whose user is looked up before the endpoint runs. */
export function needsSubjectFirst(path: string): boolean {
  return path.startsWith('/two-factor/verify-') || path === '/revoke-sessions' || path === '/reset-password';
}

/** Before: finds the user of a two-factor challenge, of the session being revoked everywhere, or of a set-password token. */
export async function rememberSubject(ctx: HookContext): Promise<void> {
  const credential = await credentialOf(ctx);
  if (!credential) return;
  let userId: string | null = null;
  if (credential.startsWith('2fa:')) {
    const challenge = await ctx.context.internalAdapter.findVerificationValue(credential.slice(4));
    userId = challenge?.value ?? null;
  } else if (credential.startsWith('reset:')) {
    const token = await ctx.context.internalAdapter.findVerificationValue(`reset-password:${credential.slice(6)}`);
    userId = token?.value ?? null;
  } else {
    const session = await getSessionFromCtx(ctx);
    userId = session?.user.id ?? null;
  }
  if (userId) remember(keyOf(ctx, credential), userId);
}

/** After: the user remembered for this request, once. */
export async function takeSubject(ctx: HookContext): Promise<string | null> {
  const credential = await credentialOf(ctx);
  if (!credential) return null;
  const key = keyOf(ctx, credential);
  const userId = pending.get(key) ?? null;
  pending.delete(key);
  return userId;
}
