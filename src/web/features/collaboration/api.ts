import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { collaborationReportSchema } from '../../../shared/collaboration';

export const collaborationKeys = { report: (from: string, to: string) => ['collaboration-time', from, to] as const };

const search = (from: string, to: string) => `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

export const collaborationQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: collaborationKeys.report(from, to),
    queryFn: ({ signal }) => api(`/api/collaboration-time${search(from, to)}`, { schema: collaborationReportSchema, signal }),
    placeholderData: keepPreviousData,
  });

export const collaborationCsvUrl = (from: string, to: string) => `/api/collaboration-time/export.csv${search(from, to)}`;
