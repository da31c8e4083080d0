import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  calendarFeedCreatedSchema,
  calendarFeedListSchema,
  calendarFeedSchema,
  type CalendarFeedCreated,
  type CalendarFeedInput,
} from '../../../shared/calendar-feeds';

export const calendarFeedKeys = { all: ['calendar-feeds'] as const };

export const calendarFeedsQuery = () => queryOptions({ queryKey: calendarFeedKeys.all, queryFn: ({ signal }) => api('/api/calendar-feeds', { schema: calendarFeedListSchema, signal }) });

export const createCalendarFeed = (input: CalendarFeedInput): Promise<CalendarFeedCreated> =>
  api('/api/calendar-feeds', { method: 'POST', body: input, schema: calendarFeedCreatedSchema });

export const regenerateCalendarFeed = (feedId: string): Promise<CalendarFeedCreated> =>
  api(`/api/calendar-feeds/${feedId}/regenerate`, { method: 'POST', schema: calendarFeedCreatedSchema });

export const revokeCalendarFeed = (feedId: string) => api(`/api/calendar-feeds/${feedId}`, { method: 'DELETE', schema: calendarFeedSchema });
