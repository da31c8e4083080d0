import type { OfferTime } from '../../../shared/offers';

/** "mån 18:00–21:00" style, with the weekday name from the caller's language. */
export function timeText(time: OfferTime, weekdayName: (weekday: number) => string): string {
  return `${weekdayName(time.weekday)} ${time.starts}–${time.ends}`;
}

/** "13–17 år", "från 13 år", "upp till 17 år" or null for every age. */
export function ageKey(offer: { ageFrom: number | null; ageTo: number | null }): { key: 'ages.range' | 'ages.from' | 'ages.to'; values: Record<string, number> } | null {
  if (offer.ageFrom !== null && offer.ageTo !== null) return { key: 'ages.range', values: { from: offer.ageFrom, to: offer.ageTo } };
  if (offer.ageFrom !== null) return { key: 'ages.from', values: { from: offer.ageFrom } };
  if (offer.ageTo !== null) return { key: 'ages.to', values: { to: offer.ageTo } };
  return null;
}

/** A language code's name in the reader's language (Intl), falling back to the code. */
export function languageName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The locale Intl formats a reader's dates in: Swedish as sv-SE, English as en-GB (day before month). */
const dateLocale = (language: string) => (language === 'sv' ? 'sv-SE' : language === 'en' ? 'en-GB' : language);

/**
 * "15 juni 2027" from "2027-06-15": a calendar day, formatted in UTC so no zone can move it a day. A
 * browser without the language's calendar data (Chromium's Somali, for one) would silently write the
 * month in its own default language; the date then stays as written, 2027-06-15, which every reader can
 * read, instead of a Swedish month on a Somali page.
 */
export function dayText(isoDate: string, language: string): string {
  const locale = dateLocale(language);
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length === 0) return isoDate;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * The key and values for an offer's period in words ("15 juni 2027–14 augusti 2027", "från 15 juni 2027",
 * "till och med 14 augusti 2027"), or null when it runs without set dates. The caller picks the texts
 * for `range`/`from`/`until` from its own namespace (staff: offers, public: oro's offers.periods).
 */
export function periodKey(offer: { availableFrom: string | null; availableUntil: string | null }, language: string): { key: 'range' | 'from' | 'until'; values: { from?: string; until?: string } } | null {
  const from = offer.availableFrom ? dayText(offer.availableFrom, language) : null;
  const until = offer.availableUntil ? dayText(offer.availableUntil, language) : null;
  if (from && until) return { key: 'range', values: { from, until } };
  if (from) return { key: 'from', values: { from } };
  if (until) return { key: 'until', values: { until } };
  return null;
}

/** The staff namespace's keys for each kind of period (typed keys, so i18next checks them). */
export const PERIOD_KEYS = { range: 'period.range', from: 'period.from', until: 'period.until' } as const;
