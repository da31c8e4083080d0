import type { EventCategory } from '../../../shared/event-reports';

/** A category's name in the UI language; an unknown code (switched off, or not loaded yet) as itself. */
export function categoryName(categories: readonly EventCategory[] | undefined, code: string, language: string): string {
  const found = categories?.find((category) => category.code === code);
  if (!found) return code;
  return language === 'en' ? found.nameEn : found.nameSv;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "6 dec. 21:30" (an instant), "6 dec. 21:00–22:30" (one day) or "5 dec. 23:00 – 6 dec. 01:00", in the phone's zone. */
export function formatWindow(from: string, to: string, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'sv-SE';
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const start = new Date(from);
  const end = new Date(to);
  const time = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (start.getTime() === end.getTime()) return `${day.format(start)} ${time(start)}`;
  if (start.toDateString() === end.toDateString()) return `${day.format(start)} ${time(start)}–${time(end)}`;
  return `${day.format(start)} ${time(start)} – ${day.format(end)} ${time(end)}`;
}
