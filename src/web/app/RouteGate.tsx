import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/session';
import { PageLoading } from '../components/PageLoading';
import { QueryError } from '../components/QueryError';
import { mayOpen, type AppRoute } from './route-types';
import { paths } from './paths';
import { NotFoundPage } from './not-found';

/** Where to go back to after signing in or choosing a role: only our own paths. */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : paths.home;
}

/**
 * The sign-in address for someone who wanted `pathname`. A failed single sign-on comes back to the web
 * app as `?error=<code>`: that goes to the sign-in page, which explains it, not into `next`.
 */
function signInPath(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  params.delete('error');
  const rest = params.toString();
  const target = new URLSearchParams({ next: pathname + (rest ? `?${rest}` : '') });
  if (error) target.set('error', error);
  return `${paths.signIn}?${target.toString()}`;
}

/**
 * Sends the user where they must be before a page opens: sign-in, the role chooser, or two-factor set-up.
 * This is convenience, not security: the server refuses whatever the session may not do.
 *
 * `visitor` is shown instead of the sign-in page to someone not signed in (the public start page at `/`),
 * except when a failed single sign-on comes back with `?error=`: the sign-in page explains that.
 */
export function RouteGate({ route, visitor, children }: { route: AppRoute; visitor?: ReactNode; children: ReactNode }) {
  const location = useLocation();
  const { data: session, isPending, error, refetch } = useSession();
  if (route.access === 'public') return children;
  if (isPending) return <PageLoading />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const here = encodeURIComponent(location.pathname + location.search);
  if (!session && visitor && !new URLSearchParams(location.search).has('error')) return visitor;
  if (!session) return <Navigate to={signInPath(location.pathname, location.search)} replace />;
  if (route.access === 'member') {
    if (!session.active) return <Navigate to={`${paths.chooseMembership}?next=${here}`} replace />;
    if (session.twoFactorRequired) return <Navigate to={`${paths.account}?krav=tvastegs`} replace />;
    if (!mayOpen(route, session.active.role)) return <NotFoundPage />;
  }
  return children;
}
