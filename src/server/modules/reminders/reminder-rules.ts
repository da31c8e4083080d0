/** The reminders of the SSPF work, the forums, the mentor programme and referrals, each sent once per subject (a meeting, an action, a consent, a forum decision, a mentor's check, a referral). */
export const REMINDERS = ['follow_up_due', 'action_overdue', 'consent_expiring', 'forum_decision_overdue', 'mentor_vetting_expiring', 'referral_overdue', 'exchange_followup_due'] as const;
export type Reminder = (typeof REMINDERS)[number];

/** A follow-up meeting not yet held is announced this many days ahead. */
export const FOLLOW_UP_REMINDER_DAYS = 2;

const stockholmDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) in Stockholm: due dates are Swedish days, not UTC ones. */
export function stockholmToday(now: Date): string {
  return stockholmDay.format(now);
}

/** A YYYY-MM-DD day plus `days` days. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Where a reminder points: the case (its page does its own authorization), never anything about the person. */
export const caseLink = (caseId: string) => `/samverkan/${caseId}`;
export const consentLink = (consentId: string) => `/samverkan?samtycke=${consentId}`;
export const forumLink = (forumId: string) => `/forum/${forumId}`;
