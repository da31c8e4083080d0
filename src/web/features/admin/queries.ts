import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { organisationListSchema, organisationSchema } from '../../../shared/organisations';
import { adminUserListSchema, adminUserSchema, roleListSchema } from '../../../shared/users';

/** The administration pages' reads. Writes invalidate `adminKeys.all`: organisations show in user rows too. */
export const adminKeys = {
  all: ['admin'] as const,
  organisations: () => ['admin', 'organisations'] as const,
  organisation: (id: string) => ['admin', 'organisations', id] as const,
  users: () => ['admin', 'users'] as const,
  user: (id: string) => ['admin', 'users', id] as const,
  roles: () => ['admin', 'roles'] as const,
};

export const organisationsQuery = () =>
  queryOptions({
    queryKey: adminKeys.organisations(),
    queryFn: ({ signal }) => api('/api/organisations', { schema: organisationListSchema, signal }),
  });

export const organisationQuery = (id: string) =>
  queryOptions({
    queryKey: adminKeys.organisation(id),
    queryFn: ({ signal }) => api(`/api/organisations/${encodeURIComponent(id)}`, { schema: organisationSchema, signal }),
  });

export const usersQuery = () =>
  queryOptions({
    queryKey: adminKeys.users(),
    queryFn: ({ signal }) => api('/api/admin/users', { schema: adminUserListSchema, signal }),
  });

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: adminKeys.user(id),
    queryFn: ({ signal }) => api(`/api/admin/users/${encodeURIComponent(id)}`, { schema: adminUserSchema, signal }),
  });

export const rolesQuery = () =>
  queryOptions({
    queryKey: adminKeys.roles(),
    queryFn: ({ signal }) => api('/api/roles', { schema: roleListSchema, signal }),
    staleTime: Infinity,
  });

export const adminPaths = {
  organisation: (id: string) => `/administration/organisationer/${encodeURIComponent(id)}`,
  user: (id: string) => `/administration/anvandare/${encodeURIComponent(id)}`,
};
