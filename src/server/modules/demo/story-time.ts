/** Days and times of the demo story, counted from the day it is seeded, in Swedish time. */

/** YYYY-MM-DD, `offset` days from `today` (YYYY-MM-DD). */
export function storyDay(today: string, offset: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

const stockholm = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** The instant it is `time` (HH:MM) in Stockholm, `offset` days from `today`. */
export function storyInstant(today: string, offset: number, time: string): Date {
  const asIfUtc = new Date(`${storyDay(today, offset)}T${time}:00Z`);
  // Stockholm is one or two hours ahead of UTC; read the offset at (about) that instant.
  const parts = Object.fromEntries(stockholm.formatToParts(asIfUtc).map((p) => [p.type, Number(p.value)]));
  const shown = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return new Date(asIfUtc.getTime() - (shown - asIfUtc.getTime()));
}

/** `time` (HH:MM) plus some minutes, on the same day. */
export function later(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
