import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionInfoSchema, type SessionInfo } from '../../shared/session';
import { api, isApiError } from './client';
import type { Language } from '../i18n/language';

/** Query keys in one place, so invalidation after sign-in, sign-out or a role switch is never missed. */
export const sessionKeys = { all: ['session'] as const };

/** Who is signed in, or null. A 401 is an answer here, not an error. */
export const sessionQuery = queryOptions({
  queryKey: sessionKeys.all,
  queryFn: async ({ signal }): Promise<SessionInfo | null> => {
    try {
      return await api('/api/session', { schema: sessionInfoSchema, signal });
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

export function useChooseMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => api('/api/session/membership', { method: 'PUT', body: { membershipId }, schema: sessionInfoSchema }),
    onSuccess: (info) => {
      // Everything cached belongs to the previous tenant or role: drop it, keep the new session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
      queryClient.setQueryData(sessionKeys.all, info);
    },
  });
}

export function saveLanguageForUser(locale: Language): Promise<{ locale: Language }> {
  return api('/api/session/locale', { method: 'PUT', body: { locale } });
}
