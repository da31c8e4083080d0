import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './language';

/**
 * Dates and numbers follow Swedish conventions (2025-03-14, 14:05, 1 234,5). English keeps them,
 * with English words: en-SE where the browser knows it, en-GB otherwise.
 */
export function intlLocales(language: Language): string[] {
  return language === 'en' ? ['en-SE', 'en-GB'] : ['sv-SE'];
}

export interface Formatters {
  date(value: Date | string): string;
  dateTime(value: Date | string): string;
  number(value: number): string;
}

const cache = new Map<Language, Formatters>();

export function formattersFor(language: Language): Formatters {
  const cached = cache.get(language);
  if (cached) return cached;
  const locales = intlLocales(language);
  const date = new Intl.DateTimeFormat(locales, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locales);
  const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
  const formatters: Formatters = {
    date: (value) => date.format(toDate(value)),
    dateTime: (value) => dateTime.format(toDate(value)),
    number: (value) => number.format(value),
  };
  cache.set(language, formatters);
  return formatters;
}

/** Formatters in the current UI language; re-render on a language switch comes from useTranslation. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(isLanguage(i18n.language) ? i18n.language : 'sv');
}
