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
