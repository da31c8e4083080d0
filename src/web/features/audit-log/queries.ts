import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { auditPersonHistorySchema, auditSearchResultSchema, auditVerificationSchema, type AuditFilters } from '../../../shared/audit';

export const auditKeys = {
  all: ['audit-log'] as const,
  events: (filters: AuditFilters) => ['audit-log', 'events', filters] as const,
  person: (personId: string) => ['audit-log', 'person', personId] as const,
  verification: () => ['audit-log', 'verification'] as const,
};

/** Only the filters that are set, in a stable order: the same string for the search and the CSV export. */
export function filterQueryString(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of ['userId', 'personId', 'organisationId', 'action', 'outcome', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

function withCursor(query: string, cursor: string | null): string {
  const params = new URLSearchParams(query);
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const auditEventsQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.events(filters),
    queryFn: ({ pageParam, signal }) =>
      api(`/api/audit-log/events${withCursor(filterQueryString(filters), pageParam)}`, { schema: auditSearchResultSchema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const personHistoryQuery = (personId: string) =>
  infiniteQueryOptions({
    queryKey: auditKeys.person(personId),
    queryFn: ({ pageParam, signal }) =>
      api(`/api/audit-log/persons/${encodeURIComponent(personId)}/events${withCursor('', pageParam)}`, { schema: auditPersonHistorySchema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const verificationQuery = () =>
  queryOptions({
    queryKey: auditKeys.verification(),
    queryFn: ({ signal }) => api('/api/audit-log/verification', { schema: auditVerificationSchema, signal }),
  });

export const auditPaths = {
  findPerson: '/loggkontroll/person',
  person: (id: string) => `/loggkontroll/person/${encodeURIComponent(id)}`,
};
