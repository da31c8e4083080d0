import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  eventCategoryListSchema,
  eventCategorySchema,
  eventReportListSchema,
  eventReportSchema,
  type EventCategoryInput,
  type EventReportListQuery,
  type EventReviewInput,
} from '../../../shared/event-reports';
import {
  eventImportPreviewSchema,
  eventImportResultSchema,
  type EventImportFormat,
} from '../../../shared/event-import';
import { areaListSchema, placeListSchema } from '../../../shared/places';

/** The pages of event reports (issue 14 §1). `/handelser/ny`, `/handelser/import` and `/handelser/kategorier` are matched before `/handelser/:id`. */
export const EVENT_PAGES = {
  list: '/handelser',
  report: '/handelser/ny',
  import: '/handelser/import',
  categories: '/handelser/kategorier',
  event: (id: string) => `/handelser/${encodeURIComponent(id)}`,
} as const;

export const eventKeys = {
  all: ['event-reports'] as const,
  list: (query: EventListFilters) => ['event-reports', 'list', query] as const,
  event: (id: string) => ['event-reports', 'event', id] as const,
  categories: () => ['event-reports', 'categories'] as const,
  places: () => ['event-reports', 'places'] as const,
  areas: () => ['event-reports', 'areas'] as const,
};

/** The list's filters as the URL holds them (strings; empty means not filtered). */
export type EventListFilters = Partial<Record<Exclude<keyof EventReportListQuery, 'limit' | 'offset'>, string>> & { offset?: string };

export const PAGE_SIZE = 50;

const search = (query: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const categoriesQuery = () =>
  queryOptions({ queryKey: eventKeys.categories(), queryFn: ({ signal }) => api('/api/event-categories', { schema: eventCategoryListSchema, signal }), staleTime: 5 * 60_000 });

/** Add one of the tenant's own categories (the code must be new). */
export const addCategory = (input: EventCategoryInput) => api('/api/event-categories', { method: 'POST', body: input, schema: eventCategorySchema });

/** Switch a category off or on for new reports; reports that have it keep it. */
export const setCategoryActive = (code: string, active: boolean) =>
  api(`/api/event-categories/${encodeURIComponent(code)}`, { method: 'PATCH', body: { active }, schema: eventCategorySchema });

export const placesQuery = () =>
  queryOptions({ queryKey: eventKeys.places(), queryFn: ({ signal }) => api('/api/places', { schema: placeListSchema, signal }), staleTime: 5 * 60_000 });

export const areasQuery = () => queryOptions({ queryKey: eventKeys.areas(), queryFn: ({ signal }) => api('/api/areas', { schema: areaListSchema, signal }), staleTime: 5 * 60_000 });

export const eventListQuery = (filters: EventListFilters) =>
  queryOptions({
    queryKey: eventKeys.list(filters),
    queryFn: ({ signal }) => api(`/api/event-reports${search({ ...filters, limit: String(PAGE_SIZE) })}`, { schema: eventReportListSchema, signal }),
  });

/** One event; the server audits the read of its description. */
export const eventQuery = (id: string) =>
  queryOptions({ queryKey: eventKeys.event(id), queryFn: ({ signal }) => api(`/api/event-reports/${encodeURIComponent(id)}`, { schema: eventReportSchema, signal }) });

export const reviewEvent = (id: string, input: EventReviewInput) =>
  api(`/api/event-reports/${encodeURIComponent(id)}/review`, { method: 'POST', body: input, schema: eventReportSchema });

export const previewImport = (format: EventImportFormat, content: string) =>
  api('/api/event-imports/preview', { method: 'POST', body: { format, content }, schema: eventImportPreviewSchema });

export const runImport = (format: EventImportFormat, content: string, dryRun: boolean) =>
  api('/api/event-imports', { method: 'POST', body: { format, content, dryRun }, schema: eventImportResultSchema });
