import { z } from 'zod';
import type { AuditFilters } from '../../../shared/audit';

/**
 * The search form's fields as typed, before they become API filters. Dates are whole days in the
 * browser's time zone: `to` includes its day, so it becomes the next midnight (the API's `to` is exclusive).
 */
export const auditFilterFormSchema = z
  .object({
    userId: z.string().trim().max(100),
    personId: z.union([z.literal(''), z.uuid()]),
    organisationId: z.string(),
    action: z.string(),
    outcome: z.enum(['', 'allowed', 'denied', 'failed']),
    from: z.string(),
    to: z.string(),
  })
  .strict();
export type AuditFilterForm = z.input<typeof auditFilterFormSchema>;

export const emptyFilterForm: AuditFilterForm = { userId: '', personId: '', organisationId: '', action: '', outcome: '', from: '', to: '' };

function startOfDay(date: string, addDays = 0): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day! + addDays).toISOString();
}

/** A reversed range is read the way it was meant: the earlier day first. */
export function toAuditFilters(form: z.output<typeof auditFilterFormSchema>): AuditFilters {
  const [first, last] = form.from && form.to && form.from > form.to ? [form.to, form.from] : [form.from, form.to];
  return {
    userId: form.userId || undefined,
    personId: form.personId || undefined,
    organisationId: form.organisationId || undefined,
    action: form.action || undefined,
    outcome: form.outcome || undefined,
    from: first ? startOfDay(first) : undefined,
    to: last ? startOfDay(last, 1) : undefined,
  };
}
