import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  coverageSchema,
  presenceEntrySchema,
  presenceListSchema,
  schoolHolidayListSchema,
  schoolHolidaySchema,
  weekViewSchema,
  type CoverageQuery,
  type PresenceEntryInput,
  type SchoolHolidayInput,
  type WeekQuery,
} from '../../../shared/presence';
import { isoWeekOf, localDateOf } from '../../../shared/stockholm-time';
import { areaListSchema, placeListSchema } from '../../../shared/places';

export const PRESENCE_PATHS = {
  week: '/narvaroplan',
  coverage: '/narvaroplan/tackning',
  holidays: '/narvaroplan/skollov',
  newEntry: '/narvaroplan/ny',
  entry: (id: string) => `/narvaroplan/${id}`,
} as const;

export const presenceKeys = {
  all: ['presence'] as const,
  week: (query: WeekQuery) => ['presence', 'week', query] as const,
  coverage: (query: CoverageQuery) => ['presence', 'coverage', query] as const,
  list: () => ['presence', 'list'] as const,
  entry: (id: string) => ['presence', 'entry', id] as const,
  holidays: () => ['presence', 'holidays'] as const,
};

/** This week in Stockholm, whatever zone the browser is in. */
export const currentWeek = () => isoWeekOf(localDateOf(new Date()));

const search = (query: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return params.toString();
};

export const weekQuery = (query: WeekQuery) =>
  queryOptions({ queryKey: presenceKeys.week(query), queryFn: ({ signal }) => api(`/api/presence/week?${search(query)}`, { schema: weekViewSchema, signal }) });

export const coverageQuery = (query: CoverageQuery) =>
  queryOptions({ queryKey: presenceKeys.coverage(query), queryFn: ({ signal }) => api(`/api/presence/coverage?${search(query)}`, { schema: coverageSchema, signal }) });

export const presenceListQuery = () => queryOptions({ queryKey: presenceKeys.list(), queryFn: ({ signal }) => api('/api/presence', { schema: presenceListSchema, signal }) });

export const entryQuery = (id: string) => queryOptions({ queryKey: presenceKeys.entry(id), queryFn: ({ signal }) => api(`/api/presence/${id}`, { schema: presenceEntrySchema, signal }) });

export const holidaysQuery = () => queryOptions({ queryKey: presenceKeys.holidays(), queryFn: ({ signal }) => api('/api/school-holidays', { schema: schoolHolidayListSchema, signal }) });

export const saveEntry = (id: string | null, input: PresenceEntryInput) =>
  api(id ? `/api/presence/${id}` : '/api/presence', { method: id ? 'PUT' : 'POST', body: input, schema: presenceEntrySchema });

export const cancelEntry = (id: string) => api(`/api/presence/${id}/cancel`, { method: 'POST', body: {}, schema: presenceEntrySchema });

export const addHoliday = (input: SchoolHolidayInput) => api('/api/school-holidays', { method: 'POST', body: input, schema: schoolHolidaySchema });
export const removeHoliday = (id: string) => api(`/api/school-holidays/${id}`, { method: 'DELETE', schema: schoolHolidayListSchema });

/** The places and areas to plan at and filter by (the places feature's own API, read here with its contract). */
export const placeOptionsQuery = () => queryOptions({ queryKey: ['presence', 'places'], queryFn: ({ signal }) => api('/api/places', { schema: placeListSchema, signal }) });
export const areaOptionsQuery = () => queryOptions({ queryKey: ['presence', 'areas'], queryFn: ({ signal }) => api('/api/areas', { schema: areaListSchema, signal }) });
