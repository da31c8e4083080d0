import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { z } from 'zod';
import { LOG_REVIEW_PATHS, logReviewSchema, logReviewSettingsSchema, type LogReviewMarkInput, type LogReviewSettings } from '../../../shared/log-review';

export const logReviewKeys = { all: ['audit-log', 'review'] as const };

/** The flags and the thresholds: the server computes them, the page only shows them. */
export const logReviewQuery = () =>
  queryOptions({
    queryKey: logReviewKeys.all,
    queryFn: ({ signal }) => api(LOG_REVIEW_PATHS.api, { schema: logReviewSchema, signal }),
  });

export const saveLogReviewSettings = (values: LogReviewSettings) =>
  api(LOG_REVIEW_PATHS.settings, { method: 'PUT', body: values, schema: logReviewSettingsSchema });

export const markFlagReviewed = (values: LogReviewMarkInput) =>
  api(LOG_REVIEW_PATHS.marks, { method: 'POST', body: values, schema: z.object({ id: z.string(), reviewedAt: z.string() }) });
