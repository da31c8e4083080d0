import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from './queries';

/** A write on a case: afterwards everything about cases is read again (status, lists, consent, chronology). */
export function useCaseMutation<Variables, Result = unknown>(mutationFn: (variables: Variables) => Promise<Result>, onDone?: (result: Result) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      onDone?.(result);
    },
  });
}
