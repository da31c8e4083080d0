import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { sessionKeys } from '../api/session';

/**
 * One QueryClient for the app. Client errors (4xx) are answers, not glitches: never retried.
 * A 401 anywhere means the session ended: re-ask who is signed in, and the route gate sends the user
 * to sign-in.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== sessionKeys.all[0]) {
          void client.invalidateQueries({ queryKey: sessionKeys.all });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
