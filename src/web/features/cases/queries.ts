import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { CASE_PAGE_SIZE_DEFAULT, caseCandidatesSchema, caseDetailSchema, caseListSchema, chronologySchema, type CaseStatus } from '../../../shared/cases';
import { consentSchema } from '../../../shared/consents';
import { organisationListSchema } from '../../../shared/organisations';
import { personListItemSchema, personSearchResultSchema } from '../../../shared/persons';

export interface CaseListFilter {
  status?: CaseStatus;
}

export const caseKeys = {
  all: ['cases'] as const,
  list: (filter: CaseListFilter, pageSize: number) => ['cases', 'list', filter, pageSize] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  candidates: (id: string, organisationId: string) => ['cases', 'candidates', id, organisationId] as const,
  chronology: (personId: string) => ['cases', 'chronology', personId] as const,
  consent: (id: string) => ['cases', 'consent', id] as const,
  organisations: ['cases', 'organisations'] as const,
};

export const casePaths = {
  list: '/samverkan',
  case: (id: string) => `/samverkan/${id}`,
};

/**
 * The viewer's cases, a page at a time (newest change first). Each page is one request, and the server
 * logs a read about each person shown on it, so a page is fetched only when the viewer asks for more.
 */
export const caseListQuery = (filter: CaseListFilter, pageSize = CASE_PAGE_SIZE_DEFAULT) =>
  infiniteQueryOptions({
    queryKey: caseKeys.list(filter, pageSize),
    queryFn: ({ pageParam, signal }) => {
      // Without `mine` the server lists every case the viewer directs or sits on the team of.
      const params = new URLSearchParams();
      if (filter.status) params.set('status', filter.status);
      params.set('limit', String(pageSize));
      if (pageParam) params.set('cursor', pageParam);
      return api(`/api/cases?${params.toString()}`, {
        schema: caseListSchema,
        signal,
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => api(`/api/cases/${id}`, { schema: caseDetailSchema, signal }),
  });

export const chronologyQuery = (personId: string) =>
  queryOptions({
    queryKey: caseKeys.chronology(personId),
    queryFn: ({ signal }) =>
      api(`/api/persons/${personId}/chronology`, {
        schema: chronologySchema,
        signal,
      }),
  });

export const consentQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.consent(id),
    queryFn: ({ signal }) => api(`/api/consents/${id}`, { schema: consentSchema, signal }),
  });

export const organisationsQuery = () =>
  queryOptions({
    queryKey: caseKeys.organisations,
    queryFn: ({ signal }) =>
      api('/api/organisations?active=true', {
        schema: organisationListSchema,
        signal,
      }),
    staleTime: 5 * 60_000,
  });

/** The colleagues the director may invite from one organisation (the user directory itself is the administrator's). */
export const candidatesQuery = (caseId: string, organisationId: string) =>
  queryOptions({
    queryKey: caseKeys.candidates(caseId, organisationId),
    queryFn: ({ signal }) =>
      api(`/api/cases/${caseId}/candidates?organisationId=${organisationId}`, {
        schema: caseCandidatesSchema,
        signal,
      }),
  });

export const searchPersons = (q: string) =>
  api(`/api/persons?${new URLSearchParams({ q }).toString()}`, {
    schema: personSearchResultSchema,
  });
export const lookupPerson = (identityNumber: string) =>
  api('/api/persons/lookup', {
    method: 'POST',
    body: { identityNumber },
    schema: personListItemSchema,
  });

/** Swedish or English name of a shared enum value. */
export function nameOf<K extends string>(names: Record<K, { sv: string; en: string }>, key: K | null | undefined, language: string): string {
  if (!key) return '';
  return language === 'en' ? names[key].en : names[key].sv;
}

/** Today and a year from a date, as ISO dates in local time (the consent's default validity). */
export function isoToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
/** The plan's default follow-up: four weeks after a date (an action is checked at the next follow-up meeting). */
export const FOLLOW_UP_DAYS = 28;
export function daysAfter(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  // UTC arithmetic: a calendar date, whatever the summer-time shifts in between.
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}
export function oneYearAfter(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  // 29 February has no twin next year: the day before 1 March then.
  const nextDay = month === '02' && day === '29' ? '28' : day;
  return `${Number(year) + 1}-${month}-${nextDay}`;
}
