import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { organisationListSchema } from '../../../shared/organisations';
import { areaListSchema, placeListSchema, placeSchema, youthHoursSchema, type PlaceListQuery } from '../../../shared/places';

/** The places pages' reads. Writes invalidate `placeKeys.all`: areas count places, places name areas. */
export const placeKeys = {
  all: ['places'] as const,
  list: (query: PlaceListQuery) => ['places', 'list', query] as const,
  place: (id: string) => ['places', 'place', id] as const,
  youthHours: (id: string) => ['places', 'youth-hours', id] as const,
  areas: () => ['places', 'areas'] as const,
  organisations: () => ['places', 'organisations'] as const,
};

const search = (query: PlaceListQuery) => {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const placesQuery = (query: PlaceListQuery = {}) =>
  queryOptions({ queryKey: placeKeys.list(query), queryFn: ({ signal }) => api(`/api/places${search(query)}`, { schema: placeListSchema, signal }) });

export const placeQuery = (id: string) =>
  queryOptions({ queryKey: placeKeys.place(id), queryFn: ({ signal }) => api(`/api/places/${encodeURIComponent(id)}`, { schema: placeSchema, signal }) });

export const youthHoursQuery = (id: string) =>
  queryOptions({ queryKey: placeKeys.youthHours(id), queryFn: ({ signal }) => api(`/api/places/${encodeURIComponent(id)}/youth-hours`, { schema: youthHoursSchema, signal }) });

export const areasQuery = () => queryOptions({ queryKey: placeKeys.areas(), queryFn: ({ signal }) => api('/api/areas', { schema: areaListSchema, signal }) });

export const organisationsQuery = () =>
  queryOptions({ queryKey: placeKeys.organisations(), queryFn: ({ signal }) => api('/api/organisations?active=true', { schema: organisationListSchema, signal }) });
