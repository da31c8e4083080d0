import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  ExchangeMatch,
  ExchangeOffer,
  ExchangePartner,
  ExchangeRequestDetail,
  ExchangeRequestSummary,
  IncomingOffer,
  IncomingRequest,
  OfferInput,
  Participation,
  ParticipationCandidates,
  ParticipationInput,
  Reciprocity,
  RequestInput,
  SealedOpened,
} from '../../../shared/housing-exchange';
import type { FollowupOutcome } from '../../../shared/exchange-messages';

/** The exchange's pages (Swedish paths: users see and share them). */
export const EXCHANGE_PATHS = {
  start: '/bostadsutbyte',
  newRequest: '/bostadsutbyte/behov/nytt',
  request: (id: string) => `/bostadsutbyte/behov/${id}`,
  incomingRequest: (id: string) => `/bostadsutbyte/inkommande/${id}`,
  newOffer: (requestId?: string) => (requestId ? `/bostadsutbyte/erbjudanden/nytt?behov=${encodeURIComponent(requestId)}` : '/bostadsutbyte/erbjudanden/nytt'),
  match: (id: string) => `/bostadsutbyte/matchningar/${id}`,
  participation: '/administration/bostadsutbyte',
} as const;

const base = '/api/exchange';
const enc = encodeURIComponent;

export const exchangeKeys = {
  all: ['exchange'] as const,
  participation: ['exchange', 'participation'] as const,
  candidates: ['exchange', 'participation', 'candidates'] as const,
  partners: ['exchange', 'partners'] as const,
  requests: ['exchange', 'requests'] as const,
  request: (id: string) => ['exchange', 'requests', id] as const,
  incomingRequests: ['exchange', 'incoming-requests'] as const,
  incomingRequest: (id: string) => ['exchange', 'incoming-requests', id] as const,
  offers: ['exchange', 'offers'] as const,
  incomingOffers: ['exchange', 'incoming-offers'] as const,
  matches: ['exchange', 'matches'] as const,
  match: (id: string) => ['exchange', 'matches', id] as const,
  reciprocity: ['exchange', 'reciprocity'] as const,
  caseOptions: ['exchange', 'case-options'] as const,
};

const get = <T>(path: string) => (context: { signal: AbortSignal }) => api<T>(`${base}${path}`, { signal: context.signal });

export const participationQuery = () => queryOptions({ queryKey: exchangeKeys.participation, queryFn: get<Participation>('/participation') });
export const candidatesQuery = () => queryOptions({ queryKey: exchangeKeys.candidates, queryFn: get<ParticipationCandidates>('/participation/candidates') });
export const partnersQuery = () => queryOptions({ queryKey: exchangeKeys.partners, queryFn: get<{ partners: ExchangePartner[] }>('/partners') });
export const requestsQuery = () => queryOptions({ queryKey: exchangeKeys.requests, queryFn: get<{ requests: ExchangeRequestSummary[] }>('/requests') });
export const requestQuery = (id: string) => queryOptions({ queryKey: exchangeKeys.request(id), queryFn: get<ExchangeRequestDetail>(`/requests/${enc(id)}`) });
export const incomingRequestsQuery = () => queryOptions({ queryKey: exchangeKeys.incomingRequests, queryFn: get<{ requests: IncomingRequest[] }>('/incoming-requests') });
export const incomingRequestQuery = (id: string) => queryOptions({ queryKey: exchangeKeys.incomingRequest(id), queryFn: get<IncomingRequest>(`/incoming-requests/${enc(id)}`) });
export const offersQuery = () => queryOptions({ queryKey: exchangeKeys.offers, queryFn: get<{ offers: ExchangeOffer[] }>('/offers') });
export const incomingOffersQuery = () => queryOptions({ queryKey: exchangeKeys.incomingOffers, queryFn: get<{ offers: IncomingOffer[] }>('/incoming-offers') });
export const matchesQuery = () => queryOptions({ queryKey: exchangeKeys.matches, queryFn: get<{ matches: ExchangeMatch[] }>('/matches') });
export const matchQuery = (id: string) => queryOptions({ queryKey: exchangeKeys.match(id), queryFn: get<ExchangeMatch>(`/matches/${enc(id)}`) });
export const reciprocityQuery = () => queryOptions({ queryKey: exchangeKeys.reciprocity, queryFn: get<Reciprocity>('/reciprocity') });

/** The SSPF cases this officer may make a request from (asked of the server: /work/notes/xweb-needs.md §1). */
export interface CaseOption {
  id: string;
  label: string;
}
export const caseOptionsQuery = () =>
  queryOptions({ queryKey: exchangeKeys.caseOptions, queryFn: get<{ cases: CaseOption[] }>('/case-options'), retry: false });

const post = <T>(path: string, body?: unknown) => api<T>(`${base}${path}`, { method: 'POST', body: body ?? {} });

export const saveParticipation = (input: ParticipationInput) => api<Participation>(`${base}/participation`, { method: 'PUT', body: input });
export const leaveExchange = () => api<Participation>(`${base}/participation`, { method: 'DELETE' });
export const createRequest = (input: RequestInput) => post<ExchangeRequestDetail>('/requests', input);
export const publishRequest = (id: string) => post<ExchangeRequestDetail>(`/requests/${enc(id)}/publish`);
export const withdrawRequest = (id: string) => post<ExchangeRequestDetail>(`/requests/${enc(id)}/withdraw`);
export const proposeMatch = (requestId: string, offerId: string) => post<ExchangeMatch>(`/requests/${enc(requestId)}/matches`, { offerId });
export const markUnsuitable = (requestId: string, offerIds: string[], reason: string | null) =>
  post<IncomingRequest>(`/incoming-requests/${enc(requestId)}/unsuitable`, { offerIds, reason });
export const createOffer = (input: OfferInput) => post<ExchangeOffer>('/offers', input);
export const withdrawOffer = (id: string) => post<ExchangeOffer>(`/offers/${enc(id)}/withdraw`);

export type MatchStep = 'accept' | 'decline' | 'confirm';
export const matchStep = (id: string, step: MatchStep) => post<ExchangeMatch>(`/matches/${enc(id)}/${step}`);
export const scheduleMove = (id: string, moveOn: string) => post<ExchangeMatch>(`/matches/${enc(id)}/schedule`, { moveOn });
export const recordMoved = (id: string, movedOn: string) => post<ExchangeMatch>(`/matches/${enc(id)}/moved`, { movedOn });
export const recordFollowUp = (id: string, outcome: FollowupOutcome) => post<ExchangeMatch>(`/matches/${enc(id)}/follow-up`, { outcome });
export const sendSealed = (id: string, text: string) => post<ExchangeMatch>(`/matches/${enc(id)}/sealed`, { text });
export const openSealed = (id: string) => post<SealedOpened>(`/matches/${enc(id)}/sealed/open`);
