import i18n from 'i18next';
import { LOCALES } from '../../shared/session';

export type Language = (typeof LOCALES)[number];

const STORAGE_KEY = 'samverka.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Swedish unless this browser remembered another choice (before sign-in we have no user to ask). */
export function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'sv';
  } catch {
    return 'sv';
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the choice lasts for this page view only.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'sv';
}

/** Switches the interface and the document language (screen readers pronounce by <html lang>). */
export async function applyLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  document.documentElement.lang = language;
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
