import { useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/**
 * The public pages speak five languages, the signed-in interface two. While a public page shows Arabic,
 * Somali or Persian, the frame around it (skip link, emergency numbers) must speak that language too:
 * a visitor who chose Arabic should not meet a Swedish "who to call" footer, rendered right to left.
 * The public page announces its language here; the frame reads it. Only the frame's keys exist in those
 * languages (`locales/<ar|so|fa>/common.json`, checked by locales.test.ts).
 */
type FrameLanguage = string | null;

/** The frame's strings: the keys every public-page language carries in its common.json. */
type FrameKey = 'skipToContent' | 'emergency.heading' | 'emergency.danger' | 'emergency.police' | 'emergency.bris' | 'emergency.note';

let frameLanguage: FrameLanguage = null;
const listeners = new Set<() => void>();

export function setFrameLanguage(language: FrameLanguage): void {
  if (language === frameLanguage) return;
  frameLanguage = language;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const RIGHT_TO_LEFT = ['ar', 'fa'];
const frameFiles = import.meta.glob<{ default: Record<string, unknown> }>('../locales/{ar,so,fa}/common.json');

/** The string at a dotted key of a locale file (`emergency.heading`), if there is one. */
export function lookupString(tree: Record<string, unknown> | undefined, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * `t` for the frame: the public page's language when it has the frame's strings, else the interface
 * language. `lang` and `dir` go on the frame's elements, so screen readers pronounce them right and a
 * Swedish footer inside an Arabic page still reads left to right. Both are undefined off the public pages.
 */
export function useFrameText(): { t: (key: FrameKey) => string; lang: string | undefined; dir: 'ltr' | 'rtl' | undefined } {
  const { t, i18n } = useTranslation();
  const announced = useSyncExternalStore(subscribe, () => frameLanguage);
  const file = announced ? frameFiles[`../locales/${announced}/common.json`] : undefined;
  const strings = useQuery({
    queryKey: ['frame-text', announced],
    queryFn: async () => (file ? (await file()).default : {}),
    enabled: file !== undefined,
    staleTime: Infinity,
  });
  if (!announced) return { t: (key) => t(key), lang: undefined, dir: undefined };
  if (!file || !strings.data) return { t: (key) => t(key), lang: i18n.language, dir: 'ltr' };
  return { t: (key) => lookupString(strings.data, key) ?? t(key), lang: announced, dir: RIGHT_TO_LEFT.includes(announced) ? 'rtl' : 'ltr' };
}
