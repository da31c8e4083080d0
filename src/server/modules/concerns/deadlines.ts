import {
  ASSESSMENT_NEAR_HOURS,
  CONCERN_TIME_ZONE,
  DECISION_DEADLINE_DAYS,
  DECISION_NEAR_DAYS,
  type DeadlineState,
} from '../../../shared/concerns';

/**
 * The two deadlines of an orosanmälan: the protection assessment by the end of the day of receipt,
 * the decision on investigation by the end of the fourteenth day after it. Days are Stockholm days,
 * whatever the server's own time zone.
 */
export function deadlinesFor(receivedAt: Date): { assessmentDueAt: Date; decisionDueAt: Date } {
  const { year, month, day } = stockholmDate(receivedAt);
  return {
    assessmentDueAt: endOfStockholmDay(year, month, day),
    decisionDueAt: endOfStockholmDay(year, month, day + DECISION_DEADLINE_DAYS),
  };
}

const dateParts = new Intl.DateTimeFormat('en-GB', { timeZone: CONCERN_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });
const offsetParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: CONCERN_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function stockholmDate(instant: Date): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(dateParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** Minutes Stockholm is ahead of UTC at this instant (60 or 120). */
function stockholmOffsetMinutes(instant: Date): number {
  const p = Object.fromEntries(offsetParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The last millisecond of a Stockholm day (day may overflow the month: Date.UTC normalises it). */
function endOfStockholmDay(year: number, month: number, day: number): Date {
  const nextMidnightAsUtc = Date.UTC(year, month - 1, day + 1);
  // Midnight is never inside a daylight-saving switch in Sweden (they happen at 02:00 and 03:00).
  const offset = stockholmOffsetMinutes(new Date(nextMidnightAsUtc - 180 * 60_000));
  return new Date(nextMidnightAsUtc - offset * 60_000 - 1);
}

export function deadlineState(dueAt: Date, doneAt: Date | null, nearMs: number, now: Date): DeadlineState {
  if (doneAt) return 'ok';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= nearMs ? 'near' : 'ok';
}

export const ASSESSMENT_NEAR_MS = ASSESSMENT_NEAR_HOURS * 3_600_000;
export const DECISION_NEAR_MS = DECISION_NEAR_DAYS * 86_400_000;

const SEVERITY: Record<DeadlineState, number> = { ok: 0, near: 1, overdue: 2 };
export function worstState(states: DeadlineState[]): DeadlineState {
  return states.reduce<DeadlineState>((worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst), 'ok');
}
