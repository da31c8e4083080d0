import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FORM_LANGUAGES } from '../../../shared/concerns-public';
import { lookupString, setFrameLanguage } from '../../app/frame-language';

/**
 * The public concern form speaks five languages (Swedish, English, Arabic, Somali, Persian), more than
 * the signed-in interface. Its strings live in src/web/locales/<language>/oro.json, complete in every
 * language (locales.test.ts refuses a missing key), so a visitor who chose Arabic never meets English
 * and loads only the Arabic file. This small translator keeps the form's language separate from the
 * interface language, so choosing Arabic here changes nothing else.
 */
export type FormLanguage = (typeof FORM_LANGUAGES)[number];
export const RTL_LANGUAGES: readonly FormLanguage[] = ['ar', 'fa'];

/** Each language's own name for itself: people look for their language in their own script. */
export const FORM_LANGUAGE_NAMES: Record<FormLanguage, string> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  so: 'Soomaali',
  fa: 'فارسی',
};

export function isFormLanguage(value: unknown): value is FormLanguage {
  return typeof value === 'string' && (FORM_LANGUAGES as readonly string[]).includes(value);
}

const files = import.meta.glob<{ default: Record<string, unknown> }>('../../locales/*/oro.json');

async function loadStrings(language: FormLanguage): Promise<Record<string, unknown>> {
  const load = files[`../../locales/${language}/oro.json`];
  return load ? (await load()).default : {};
}

export type OroT = (key: string, values?: Record<string, string | number>) => string;

export function useOroText(language: FormLanguage): {
  t: OroT;
  ready: boolean;
  failed: boolean;
} {
  const strings = useQuery({
    queryKey: ['oro-text', language],
    queryFn: () => loadStrings(language),
    staleTime: Infinity,
  });
  const t: OroT = (key, values) => {
    const text = (strings.data && lookupString(strings.data, key)) ?? key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values?.[name] ?? ''));
  };
  return { t, ready: strings.isSuccess, failed: strings.isError };
}

/**
 * Sets `lang` and `dir` on the document while the form is open (screen readers pronounce by `lang`;
 * Arabic and Persian read right to left), tells the frame (skip link, emergency numbers) to follow,
 * and restores both when the user leaves the form.
 */
export function useDocumentLanguage(language: FormLanguage): void {
  useEffect(() => {
    const root = document.documentElement;
    const previous = { lang: root.lang, dir: root.dir };
    root.lang = language;
    root.dir = RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
    setFrameLanguage(language);
    return () => {
      root.lang = previous.lang;
      root.dir = previous.dir;
      setFrameLanguage(null);
    };
  }, [language]);
}

const LANGUAGE_KEY = 'samverka.oro-language';

/** The form language: this tab's choice, else the interface language when it is one of the five, else Swedish. */
export function initialFormLanguage(interfaceLanguage: string): FormLanguage {
  try {
    const stored = sessionStorage.getItem(LANGUAGE_KEY);
    if (isFormLanguage(stored)) return stored;
  } catch {
    // no storage: fall through
  }
  return isFormLanguage(interfaceLanguage) ? interfaceLanguage : 'sv';
}

export function rememberFormLanguage(language: FormLanguage): void {
  try {
    sessionStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // The choice lasts for this page view only.
  }
}
