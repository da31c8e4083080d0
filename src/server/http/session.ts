import type { FastifyRequest } from 'fastify';
import type { Auth } from '../auth/auth';
import { unauthenticated } from './errors';

/** The signed-in user behind a request, as better-auth's session describes them. */
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

export async function readSession(auth: Auth, request: FastifyRequest): Promise<SessionUser | null> {
  const headers = new Headers();
  if (request.headers.cookie) headers.set('cookie', request.headers.cookie);
  const result = await auth.api.getSession({ headers });
  if (!result) return null;
  const user = result.user as typeof result.user & { locale?: string; active?: boolean; twoFactorEnabled?: boolean | null };
  const session = result.session as typeof result.session & { activeMembershipId?: string | null; authMethod?: string | null };
  if (user.active === false) return null;
  return {
    userId: user.id,
    sessionId: session.id,
    email: user.email,
    name: user.name,
    locale: user.locale ?? 'sv',
    twoFactorEnabled: user.twoFactorEnabled === true,
    activeMembershipId: session.activeMembershipId ?? null,
    authMethod: session.authMethod ?? null,
  };
}

/** preHandler: refuses the request with 401 unless it carries a valid session. */
export function requireSession(auth: Auth) {
  return async (request: FastifyRequest) => {
    const session = await readSession(auth, request);
    if (!session) throw unauthenticated();
    request.sessionUser = session;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser?: SessionUser;
  }
}
