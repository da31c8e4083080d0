import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { assigneesSchema, concernDetailSchema, coordinatorsSchema, forwardTargetsSchema, inboxSchema } from '../../../shared/concerns-triage';
import { organisationListSchema } from '../../../shared/organisations';

export interface InboxFilter {
  status?: string;
  kind?: string;
  assigned?: string;
  overdue?: boolean;
  sort: string;
  page: number;
}

export const concernKeys = {
  all: ['concerns'] as const,
  inbox: (filter: InboxFilter) => ['concerns', 'inbox', filter] as const,
  detail: (id: string) => ['concerns', 'detail', id] as const,
  assignees: (id: string) => ['concerns', 'assignees', id] as const,
  coordinators: (id: string) => ['concerns', 'coordinators', id] as const,
  forwardTargets: (id: string) => ['concerns', 'forward-targets', id] as const,
  schools: ['concerns', 'schools'] as const,
};

function search(filter: InboxFilter): string {
  const params = new URLSearchParams({
    sort: filter.sort,
    page: String(filter.page),
    pageSize: '25',
  });
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.assigned) params.set('assigned', filter.assigned);
  if (filter.overdue) params.set('overdue', 'true');
  return params.toString();
}

export const inboxQuery = (filter: InboxFilter) =>
  queryOptions({
    queryKey: concernKeys.inbox(filter),
    queryFn: ({ signal }) => api(`/api/concerns?${search(filter)}`, { schema: inboxSchema, signal }),
  });

export const concernQuery = (id: string) =>
  queryOptions({
    queryKey: concernKeys.detail(id),
    queryFn: ({ signal }) => api(`/api/concerns/${id}`, { schema: concernDetailSchema, signal }),
  });

export const assigneesQuery = (id: string) =>
  queryOptions({
    queryKey: concernKeys.assignees(id),
    queryFn: ({ signal }) => api(`/api/concerns/${id}/assignees`, { schema: assigneesSchema, signal }),
  });

/** The SSPF coordinators the concern's person may be handed over to (the case's director). */
export const coordinatorsQuery = (id: string) =>
  queryOptions({
    queryKey: concernKeys.coordinators(id),
    queryFn: ({ signal }) => api(`/api/concerns/${id}/coordinators`, { schema: coordinatorsSchema, signal }),
  });

export const forwardTargetsQuery = (id: string) =>
  queryOptions({
    queryKey: concernKeys.forwardTargets(id),
    queryFn: ({ signal }) =>
      api(`/api/concerns/${id}/forward-targets`, {
        schema: forwardTargetsSchema,
        signal,
      }),
  });

/** The tenant's active schools, for the school of a person registered from a concern. */
export const schoolsQuery = () =>
  queryOptions({
    queryKey: concernKeys.schools,
    queryFn: ({ signal }) => api('/api/organisations?type=skola&active=true', { schema: organisationListSchema, signal }),
    staleTime: 5 * 60_000,
  });

/** Swedish or English name of a shared enum value. */
export function nameOf<K extends string>(names: Record<K, { sv: string; en: string }>, key: K | null | undefined, language: string): string {
  if (!key) return '';
  return language === 'en' ? names[key].en : names[key].sv;
}
