import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../../shared/roles';

/**
 * Who may open a route:
 * - `public`: anyone (sign-in, set password).
 * - `session`: signed in, with or without an active membership (choose role, my account).
 * - `member`: signed in, working as a membership, with two-factor when the role requires it.
 */
export type RouteAccess = 'public' | 'session' | 'member';

export interface AppRoute {
  /** Swedish URL path, e.g. `/mitt-konto`. */
  path: string;
  /** Always React.lazy(() => import(...)): each page is its own chunk, so the first page stays small. */
  component: LazyExoticComponent<ComponentType>;
  access: RouteAccess;
  /** Only these active roles may open the route (the server still decides what data they get). */
  roles?: readonly Role[];
  /** Shown in the main navigation, to those who may open it. `label` is an i18n key. */
  nav?: { label: string; order: number };
  /** Shown as a quick link on the start page. `label` and `description` are i18n keys. */
  quickLink?: { label: string; description: string; order: number };
}

export function mayOpen(route: AppRoute, role: Role | null): boolean {
  if (!route.roles) return true;
  return role !== null && route.roles.includes(role);
}
