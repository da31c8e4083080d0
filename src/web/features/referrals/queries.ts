import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  PARENT_REFERRAL_PATH,
  REFERRALS_PATH,
  offerFiguresSchema,
  placementsSchema,
  referralListSchema,
  referralSchema,
  type ParentReferralInput,
  type PlanReferralInput,
} from '../../../shared/referrals';

export const REFERRAL_PATHS = { inbox: REFERRALS_PATH, parent: PARENT_REFERRAL_PATH } as const;

export const referralKeys = {
  all: ['referrals'] as const,
  box: (box: string) => ['referrals', 'box', box] as const,
  ofCase: (caseId: string) => ['referrals', 'case', caseId] as const,
  figures: (offerId: string) => ['referrals', 'figures', offerId] as const,
  placements: ['referrals', 'placements'] as const,
};

export const referralBoxQuery = (box: 'inkommande' | 'skickade') =>
  queryOptions({ queryKey: referralKeys.box(box), queryFn: ({ signal }) => api(`/api/referrals?box=${box}`, { schema: referralListSchema, signal }) });

export const caseReferralsQuery = (caseId: string) =>
  queryOptions({ queryKey: referralKeys.ofCase(caseId), queryFn: ({ signal }) => api(`/api/cases/${encodeURIComponent(caseId)}/referrals`, { schema: referralListSchema, signal }) });

export const offerFiguresQuery = (offerId: string) =>
  queryOptions({ queryKey: referralKeys.figures(offerId), queryFn: ({ signal }) => api(`/api/offers/${encodeURIComponent(offerId)}/referral-figures`, { schema: offerFiguresSchema, signal }) });

export const placementsQuery = () => queryOptions({ queryKey: referralKeys.placements, queryFn: ({ signal }) => api('/api/referrals-placements', { schema: placementsSchema, signal }) });

export const referFromAction = (caseId: string, actionId: string, input: PlanReferralInput) =>
  api(`/api/cases/${encodeURIComponent(caseId)}/actions/${encodeURIComponent(actionId)}/referrals`, { method: 'POST', body: input, schema: referralSchema });
export const referParent = (input: ParentReferralInput) => api('/api/referrals/parent', { method: 'POST', body: input, schema: referralSchema });
export const answerReferral = (id: string, body: { decision: 'accept' | 'decline'; note?: string }) =>
  api(`/api/referrals/${encodeURIComponent(id)}/answer`, { method: 'POST', body, schema: referralSchema });
export const recordProgress = (id: string, body: { startedOn?: string; sessionsAttended?: number }) =>
  api(`/api/referrals/${encodeURIComponent(id)}/progress`, { method: 'POST', body, schema: referralSchema });
export const recordOutcome = (id: string, body: { outcome: string; on: string; note?: string }) =>
  api(`/api/referrals/${encodeURIComponent(id)}/outcome`, { method: 'POST', body, schema: referralSchema });
