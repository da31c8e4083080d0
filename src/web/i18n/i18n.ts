import i18n, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { storedLanguage } from './language';

/**
 * Locale files live in src/web/locales/<language>/<namespace>.json. Vite bundles each into its own small,
 * hashed chunk of the build, fetched when a page first asks for its namespace (react-i18next suspends until
 * then), so adding a namespace is adding two files: no registration. The chunks are the web client's static
 * files, which the server never rate-limits (server/web-app.ts): a busy office cannot be refused its
 * translations and left with raw keys on screen. A chunk that fails anyway (a network hiccup) is retried.
 */
const localeFiles = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json');

const localeBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = localeFiles[`../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`missing locale file ${language}/${namespace}.json`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      // `true`: i18next tries again, with growing pauses, before it gives up on the namespace.
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), true),
    );
  },
};

export const DEFAULT_NAMESPACE = 'common';

export async function initI18n(): Promise<typeof i18n> {
  const language = storedLanguage();
  document.documentElement.lang = language;
  await i18n
    .use(localeBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'sv',
      supportedLngs: ['sv', 'en'],
      load: 'languageOnly',
      ns: [DEFAULT_NAMESPACE, 'validation'],
      defaultNS: DEFAULT_NAMESPACE,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      react: { useSuspense: true },
    });
  return i18n;
}
