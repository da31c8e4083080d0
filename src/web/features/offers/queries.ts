import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { offerListSchema, offerSchema, OFFERS_PATH, publicOfferListSchema, type OfferInput } from '../../../shared/offers';
import { z } from 'zod';

export const OFFER_PATHS = {
  list: OFFERS_PATH,
  create: `${OFFERS_PATH}/ny`,
  offer: (id: string) => `${OFFERS_PATH}/${id}`,
  edit: (id: string) => `${OFFERS_PATH}/${id}/andra`,
} as const;

export const offerKeys = {
  all: ['offers'] as const,
  list: (query: Record<string, string>) => ['offers', 'list', query] as const,
  one: (id: string) => ['offers', 'one', id] as const,
  public: (slug: string, query: Record<string, string>) => ['public', 'offers', slug, query] as const,
};

const search = (query: Record<string, string>) => {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
};

export const offersQuery = (query: Record<string, string> = {}) =>
  queryOptions({ queryKey: offerKeys.list(query), queryFn: ({ signal }) => api(`/api/offers${search(query)}`, { schema: offerListSchema, signal }) });

export const offerQuery = (id: string) => queryOptions({ queryKey: offerKeys.one(id), queryFn: ({ signal }) => api(`/api/offers/${encodeURIComponent(id)}`, { schema: offerSchema, signal }) });

export const publicOffersQuery = (slug: string, query: Record<string, string>) =>
  queryOptions({
    queryKey: offerKeys.public(slug, query),
    queryFn: ({ signal }) => api(`/api/public/tenants/${encodeURIComponent(slug)}/offers${search(query)}`, { schema: publicOfferListSchema, signal }),
  });

export const createOffer = (input: OfferInput) => api('/api/offers', { method: 'POST', body: input, schema: offerSchema });
export const updateOffer = (id: string, input: OfferInput) => api(`/api/offers/${encodeURIComponent(id)}`, { method: 'PUT', body: input, schema: offerSchema });
export const archiveOffer = (id: string) => api(`/api/offers/${encodeURIComponent(id)}`, { method: 'DELETE', schema: z.unknown() });
