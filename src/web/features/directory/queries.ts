import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { directorySchema, type DirectoryQuery } from '../../../shared/directory';

/** The directory's reads. Writes invalidate `directoryKeys.all`. */
export const directoryKeys = {
  all: ['directory'] as const,
  search: (query: DirectoryQuery) => ['directory', 'search', query] as const,
};

const search = (query: DirectoryQuery) => {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const directoryQuery = (query: DirectoryQuery = {}) =>
  queryOptions({ queryKey: directoryKeys.search(query), queryFn: ({ signal }) => api(`/api/directory${search(query)}`, { schema: directorySchema, signal }) });
