import { infiniteQueryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { SECURITY_EVENT_KINDS } from '../../../shared/audit';
import { SECURITY_OUTCOMES, signInLogResultSchema, type SignInLogFilters } from '../../../shared/security-log';

export const signInPaths = { page: '/loggkontroll/inloggningar' };

/** The filter form as typed; dates are whole days in the browser's time zone, `to` including its day. */
export const signInFilterFormSchema = z
  .object({
    kind: z.union([z.literal(''), z.enum(SECURITY_EVENT_KINDS)]),
    outcome: z.union([z.literal(''), z.enum(SECURITY_OUTCOMES)]),
    userId: z.string().trim().max(100),
    from: z.string(),
    to: z.string(),
  })
  .strict();
export type SignInFilterForm = z.input<typeof signInFilterFormSchema>;
export const emptySignInFilterForm: SignInFilterForm = { kind: '', outcome: '', userId: '', from: '', to: '' };

function startOfDay(date: string, addDays = 0): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day! + addDays).toISOString();
}

export function toSignInFilters(form: z.output<typeof signInFilterFormSchema>): SignInLogFilters {
  const [first, last] = form.from && form.to && form.from > form.to ? [form.to, form.from] : [form.from, form.to];
  return {
    kind: form.kind || undefined,
    outcome: form.outcome || undefined,
    userId: form.userId || undefined,
    from: first ? startOfDay(first) : undefined,
    to: last ? startOfDay(last, 1) : undefined,
  };
}

function queryString(filters: SignInLogFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const key of ['kind', 'outcome', 'userId', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const signInEventsQuery = (filters: SignInLogFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit-log', 'sign-ins', filters] as const,
    queryFn: ({ pageParam, signal }) => api(`/api/audit-log/sign-ins${queryString(filters, pageParam)}`, { schema: signInLogResultSchema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
