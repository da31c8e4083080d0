import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { attentionSchema } from '../../../shared/attention';

export const attentionKeys = { all: ['attention'] as const };

/** The start page's cards for the active membership; the server decides which cards and what is in them. */
export const attentionQuery = () =>
  queryOptions({
    queryKey: attentionKeys.all,
    queryFn: ({ signal }) => api('/api/attention', { schema: attentionSchema, signal }),
  });
