import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../shared/session';
import { saveLanguageForUser, sessionKeys, useSession } from '../api/session';
import { applyLanguage, isLanguage, type Language } from '../i18n/language';

/**
 * Whose language wins:
 * - signed in: the user's saved language (it follows them between devices);
 * - except right after sign-in when they switched language on the sign-in page in this tab: that fresh
 *   choice is saved for the user instead, so the page does not flip language under them.
 */
const PENDING_KEY = 'samverka.language-chosen-before-sign-in';

function takePendingChoice(): Language | null {
  try {
    const value = sessionStorage.getItem(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function rememberPendingChoice(language: Language): void {
  try {
    sessionStorage.setItem(PENDING_KEY, language);
  } catch {
    // Without storage the user's saved language will apply after sign-in.
  }
}

async function saveForUser(queryClient: QueryClient, language: Language): Promise<void> {
  await saveLanguageForUser(language);
  queryClient.setQueryData<SessionInfo | null>(sessionKeys.all, (old) => (old ? { ...old, user: { ...old.user, locale: language } } : old));
}

export function useLanguageSync(): void {
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const userId = session?.user.id;
  const userLocale = session?.user.locale;
  useEffect(() => {
    if (!userId || !userLocale) return;
    const pending = takePendingChoice();
    if (pending && pending !== userLocale) {
      void applyLanguage(pending);
      saveForUser(queryClient, pending).catch(() => undefined);
      return;
    }
    void applyLanguage(userLocale);
  }, [userId, userLocale, queryClient]);
}

/** Switches now; remembers it in this browser, and for the user (or for the coming sign-in). */
export function useSwitchLanguage(): (language: Language) => Promise<void> {
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  return async (language) => {
    await applyLanguage(language);
    if (!session) {
      rememberPendingChoice(language);
      return;
    }
    try {
      await saveForUser(queryClient, language);
    } catch {
      // Not saved for the user (offline, session ended); this browser still remembers it.
    }
  };
}
