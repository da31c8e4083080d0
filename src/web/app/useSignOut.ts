import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { signOut } from '../api/auth';
import { sessionKeys } from '../api/session';
import { paths } from './paths';

/** Ends the session and forgets everything cached for it: the next user of this computer sees nothing. */
export function useSignOut(): (options?: { alreadyEnded?: boolean }) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async ({ alreadyEnded = false } = {}) => {
    if (!alreadyEnded) {
      try {
        await signOut();
      } catch {
        // The session may already be gone; signing out locally is still right.
      }
    }
    queryClient.clear();
    queryClient.setQueryData(sessionKeys.all, null);
    await navigate(`${paths.signIn}?utloggad=1`, { replace: true });
  };
}
