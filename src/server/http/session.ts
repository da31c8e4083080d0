import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { getCookies } from 'better-auth/cookies';
import type { Auth } from '../auth/auth';
import type { Db, Tx } from '../db/client';
import { unauthenticated } from './errors';
import { errorMessage, languageFromHeader } from './messages';
import { requestSessionToken, signedSessionCookieValue } from './session-cookie';
import type { Statement } from '../db/opened-transaction';

/** The signed-in user behind a request, as their session row describes them. */
export interface SessionUser {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  locale: string;
  twoFactorEnabled: boolean;
  activeMembershipId: string | null;
  authMethod: string | null;
}

/** One row of `app_enter_session` (migration 0018): the session, and the membership it entered if any. */
export interface EnteredSessionRow extends Record<string, unknown> {
  user_id: string;
  session_id: string;
  email: string;
  name: string;
  locale: string;
  two_factor_enabled: boolean;
  active_membership_id: string | null;
  auth_method: string | null;
  expires_at: Date | string;
  renewed: boolean;
  tenant_id: string | null;
  tenant_name: string | null;
  membership_id: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_type: string | null;
  organisation_is_authority: boolean | null;
  role: string | null;
}

/** What the per-request check needs of better-auth's settings: the same cookie, secret and lifetimes. */
interface SessionSettings {
  cookieName: string;
  cookieAttributes: string;
  secret: string;
  expiresInSeconds: number;
  updateAgeSeconds: number;
}

const settingsCache = new WeakMap<Auth, SessionSettings>();

function settingsOf(auth: Auth): SessionSettings {
  let settings = settingsCache.get(auth);
  if (!settings) {
    const { name, attributes } = getCookies(auth.options).sessionToken;
    const expiresInSeconds = auth.options.session?.expiresIn ?? 7 * 24 * 3600;
    settings = {
      cookieName: name,
      cookieAttributes: [
        `Max-Age=${expiresInSeconds}`,
        `Path=${attributes.path ?? '/'}`,
        attributes.httpOnly ? 'HttpOnly' : null,
        attributes.sameSite ? `SameSite=${String(attributes.sameSite).charAt(0).toUpperCase()}${String(attributes.sameSite).slice(1)}` : null,
        attributes.secure ? 'Secure' : null,
      ]
        .filter(Boolean)
        .join('; '),
      secret: auth.options.secret as string,
      expiresInSeconds,
      updateAgeSeconds: auth.options.session?.updateAge ?? 24 * 3600,
    };
    settingsCache.set(auth, settings);
  }
  return settings;
}

/**
 * Reads and enters the session in one statement, inside the caller's transaction: the session by its
 * token, not expired, the user active, its expiry renewed at most once per update interval, the user
 * and tenant context set for row-level security. Null when the session is gone (signed out, revoked,
 * expired, the user deactivated): nothing is cached, so that holds from the very next request.
 */
export async function enterSession(db: Db | Tx, request: FastifyRequest): Promise<EnteredSessionRow | null> {
  const result = await db.execute<EnteredSessionRow>(enterSessionSql(request));
  return acceptSessionRow(request, result.rows[0]);
}

/** `app_enter_session` for this request's verified token, as a statement (for `transactionOpenedBy`). */
export function enterSessionStatement(request: FastifyRequest): Statement {
  const gate = request.sessionGate;
  if (!gate) throw unauthenticated();
  const { token, settings } = gate;
  return { text: 'select * from app_enter_session($1, $2::int, $3::int)', values: [token, settings.expiresInSeconds, settings.updateAgeSeconds] };
}

function enterSessionSql(request: FastifyRequest) {
  const { values } = enterSessionStatement(request);
  return sql`select * from app_enter_session(${values[0]}, ${values[1]}::int, ${values[2]}::int)`;
}

/** Takes `app_enter_session`'s row (none: the session is gone) as the request's session user. */
export function acceptSessionRow(request: FastifyRequest, found: Record<string, unknown> | undefined): EnteredSessionRow | null {
  const row = found as EnteredSessionRow | undefined;
  if (!row) return null;
  if (row.renewed) request.sessionGate!.renewed = true;
  request.sessionUser = {
    userId: row.user_id,
    sessionId: row.session_id,
    email: row.email,
    name: row.name,
    locale: row.locale ?? 'sv',
    twoFactorEnabled: row.two_factor_enabled === true,
    activeMembershipId: row.active_membership_id ?? null,
    authMethod: row.auth_method ?? null,
  };
  return row;
}

/**
 * preHandler: refuses the request with 401 unless its session cookie carries better-auth's signature.
 * No database call: the session itself is read as the first statement of the request's transaction
 * (`withActor`, through `enterSession`), so a signed-in read costs one round trip to know who asks.
 */
export function requireSession(auth: Auth) {
  const settings = settingsOf(auth);
  return async (request: FastifyRequest) => {
    const token = requestSessionToken(request, settings.cookieName, settings.secret);
    if (!token) throw unauthenticated();
    request.sessionGate = { token, settings, renewed: false };
  };
}

/**
 * preHandler for routes that work outside `withActor` (the session's own pages): checks the signature
 * and reads the session at once, so `request.sessionUser` is there for the handler.
 */
export function requireLoadedSession(auth: Auth, db: Db) {
  const gate = requireSession(auth);
  return async (request: FastifyRequest) => {
    await gate(request);
    if (!(await enterSession(db, request))) throw unauthenticated();
  };
}

/**
 * Two things at the end of every signed-in request:
 * - a route that checked only the cookie's signature but never entered the session (every route that
 *   reads or writes goes through `withActor`, which does) has its session read now, before anything
 *   leaves: a revoked session gets 401 instead of the answer, so no route can forget the check;
 * - when the check renewed the session's expiry, the renewed cookie goes out, as better-auth's own
 *   getSession does, so the browser's cookie lives as long as the session row.
 */
export function registerSessionHooks(app: FastifyInstance, db: Db): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const gate = request.sessionGate;
    if (!gate) return payload;
    if (!request.sessionUser && reply.statusCode < 400 && !(await enterSession(db, request))) {
      request.log.warn({ route: request.routeOptions.url }, 'a signed-in route answered without entering its session; refused');
      reply.status(401).type('application/json');
      return JSON.stringify({ error: { code: 'unauthenticated', message: errorMessage('unauthenticated', languageFromHeader(request.headers['accept-language'])) } });
    }
    if (gate.renewed && reply.statusCode < 400) {
      const cookie = `${gate.settings.cookieName}=${signedSessionCookieValue(gate.token, gate.settings.secret)}; ${gate.settings.cookieAttributes}`;
      const existing = reply.getHeader('set-cookie');
      reply.header('set-cookie', existing ? [...(Array.isArray(existing) ? existing : [String(existing)]), cookie] : cookie);
    }
    return payload;
  });
}

interface SessionGate {
  token: string;
  settings: SessionSettings;
  renewed: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser?: SessionUser;
    /** The verified session token and its settings, set by requireSession before any database call. */
    sessionGate?: SessionGate;
  }
}
