import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { installationKeySchema, partnerListSchema, partnerSchema, type PartnerInput } from '../../../shared/exchange-federation';

/** The administrator's pinning of partner installations (issue 16 §5; docs/HOUSING-EXCHANGE.md, "Protocol"). */
export const federationKeys = {
  all: ['exchange-federation'] as const,
  key: () => ['exchange-federation', 'key'] as const,
  partners: () => ['exchange-federation', 'partners'] as const,
};

export const EXCHANGE_FEDERATION_PATH = '/administration/bostadsutbyte-installationer';

export const installationKeyQuery = () =>
  queryOptions({
    queryKey: federationKeys.key(),
    queryFn: ({ signal }) => api('/api/exchange/federation/key', { schema: installationKeySchema, signal }),
    retry: false,
  });

export const partnersQuery = () =>
  queryOptions({
    queryKey: federationKeys.partners(),
    queryFn: ({ signal }) => api('/api/exchange/federation/partners', { schema: partnerListSchema, signal }),
    retry: false,
  });

export const pinPartner = (input: PartnerInput) => api('/api/exchange/federation/partners', { method: 'POST', body: input, schema: partnerSchema });
export const changePartner = (id: string, input: PartnerInput) =>
  api(`/api/exchange/federation/partners/${encodeURIComponent(id)}`, { method: 'PUT', body: input, schema: partnerSchema });
export const unpinPartner = (id: string) => api(`/api/exchange/federation/partners/${encodeURIComponent(id)}`, { method: 'DELETE', schema: z.unknown() });
