import { z } from 'zod';
import { abilitiesSchema } from './organisations';
import type { Role } from './roles';

/**
 * Time for collaboration (tid för samverkan), issue 13 §7: the hours each organisation gives to being
 * present where young people are, and the SSPF meetings it takes part in, per month.
 *
 * - Planned hours: every occurrence of the organisation's presence entries in the month (holidays and
 *   cancelled dates skipped) × its duration × its planned staff.
 * - Reported hours: every field report the organisation filed, (end − start) × staff count.
 * - SSPF meetings: held case meetings, counted once for every organisation on the case (its team and
 *   the organisation that runs it).
 * - Forum hours (issue 15 §2): each forum meeting's length for every member present, counted for the
 *   organisation the member sits for (a member organisation, a named user's, a key person's). They
 *   are about organisations' work, not young people: never suppressed.
 *
 * The coordinator and the analyst see every organisation; everyone else their own organisation's row.
 * Meeting counts concern cases about young people: outside the coordinator's own screen (for the
 * analyst, for an organisation's staff, and in every CSV) a count from 1 to k − 1 is shown as "< k".
 */
export const COLLABORATION_ALL_ORGANISATIONS_ROLES: readonly Role[] = ['koordinator', 'analytiker'];

/** k: the smallest meeting count shown as a number where suppression applies (issue 14's default). */
export const MEETING_SUPPRESSION_K = 5;

/** The longest period one report covers. */
export const MAX_REPORT_MONTHS = 24;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const monthSchema = z.string().refine((value) => MONTH.test(value), { message: 'invalid_month' });

export const collaborationQuerySchema = z
  .object({
    /** First month, `YYYY-MM` (Stockholm time). */
    from: monthSchema,
    /** Last month, inclusive. */
    to: monthSchema,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!MONTH.test(value.from) || !MONTH.test(value.to)) return;
    const months = monthsBetween(value.from, value.to);
    if (months.length === 0) ctx.addIssue({ code: 'custom', message: 'month_order', path: ['to'] });
    else if (months.length > MAX_REPORT_MONTHS) ctx.addIssue({ code: 'custom', message: 'too_many_months', path: ['to'] });
  });
export type CollaborationQuery = z.infer<typeof collaborationQuerySchema>;

/** Every month from `from` to `to` inclusive (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let index = fromYear * 12 + fromMonth - 1; index <= toYear * 12 + toMonth - 1 && months.length <= MAX_REPORT_MONTHS; index += 1) {
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

export const collaborationMonthSchema = z.object({
  month: z.string(),
  plannedHours: z.number(),
  reportedHours: z.number(),
  /** Held SSPF meetings; null where the count is suppressed (1 to k − 1). */
  meetings: z.number().nullable(),
  /** Hours in forum meetings, per member present. */
  forumHours: z.number(),
});
export type CollaborationMonth = z.infer<typeof collaborationMonthSchema>;

export const collaborationRowSchema = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  months: z.array(collaborationMonthSchema),
  plannedHours: z.number(),
  reportedHours: z.number(),
  /** The period's meetings; null when any month of the row is suppressed (a total would give it away). */
  meetings: z.number().nullable(),
  forumHours: z.number(),
});
export type CollaborationRow = z.infer<typeof collaborationRowSchema>;

export const collaborationReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(z.string()),
  /** `all`: every organisation of the tenant; `own`: the reader's organisation only. */
  coverage: z.enum(['all', 'own']),
  rows: z.array(collaborationRowSchema),
  /** k when meeting counts below it are suppressed in this answer, else null. */
  meetingsSuppressedBelow: z.number().nullable(),
  abilities: abilitiesSchema,
});
export type CollaborationReport = z.infer<typeof collaborationReportSchema>;

/** Hours as Swedish text with a decimal comma and one decimal: 12,5. */
export function swedishDecimal(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1).replace('.', ',');
}
