import * as rruleModule from 'rrule';

/**
 * The `rrule` package, imported so that both Node's ESM (which sees its CommonJS build as a default
 * export) and Vite (which takes its ES module build) find `RRule`.
 */
const resolved = ((rruleModule as { RRule?: unknown }).RRule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default) as typeof rruleModule;
export const RRule = resolved.RRule;
export type RRuleOptions = NonNullable<ConstructorParameters<typeof resolved.RRule>[0]>;

/** Frequencies a presence plan uses. Secondly to hourly rules would only be mistakes here. */
const ALLOWED_FREQ = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);

/**
 * Parses an RRULE without DTSTART (the entry's start is its DTSTART), e.g. `FREQ=WEEKLY;BYDAY=FR`.
 * Returns an error id instead of throwing. UNTIL is read as Stockholm wall time, like every time in
 * the plan.
 */
export function parseRecurrence(text: string): { ok: true; options: Partial<RRuleOptions> } | { ok: false; error: 'invalid_recurrence' } {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body || /DTSTART|TZID|\n/i.test(body)) return { ok: false, error: 'invalid_recurrence' };
  try {
    const options = RRule.parseString(body);
    if (options.freq === undefined || !ALLOWED_FREQ.has(options.freq)) return { ok: false, error: 'invalid_recurrence' };
    if (options.interval !== undefined && (options.interval < 1 || options.interval > 52)) return { ok: false, error: 'invalid_recurrence' };
    return { ok: true, options };
  } catch {
    return { ok: false, error: 'invalid_recurrence' };
  }
}

/** ISO weekday (1 = Monday) to the iCalendar two-letter day. */
export const ICAL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** `FREQ=WEEKLY;BYDAY=FR[;UNTIL=20260619]` from ISO weekdays: what the web form builds. */
export function weeklyRule(weekdays: number[], untilDate?: string | null, interval = 1): string {
  const days = [...new Set(weekdays)].sort().map((day) => ICAL_DAYS[day - 1]).join(',');
  const parts = ['FREQ=WEEKLY'];
  if (interval > 1) parts.push(`INTERVAL=${interval}`);
  parts.push(`BYDAY=${days}`);
  if (untilDate) parts.push(`UNTIL=${untilDate.replace(/-/g, '')}T235959`);
  return parts.join(';');
}
