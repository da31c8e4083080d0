import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { sharingAnswerSchema, type SharingAnswer, type SharingGuideQuestion } from '../../../shared/sharing';
import { ruleReviewListSchema, sharingRuleListSchema, type RuleReviewList } from '../../../shared/sharing-rules';

/** The server is the source of truth: the page never evaluates the rules itself, it asks. */
export function askSharingQuestion(question: SharingGuideQuestion): Promise<SharingAnswer> {
  return api('/api/sharing/questions', { method: 'POST', body: question, schema: sharingAnswerSchema });
}

/** The rules in force today, and the tenant's consent age (the form asks for the young person's own consent from then). */
export function useSharingRules() {
  return useQuery({ queryKey: ['sharing', 'rules'], queryFn: () => api('/api/sharing/rules', { schema: sharingRuleListSchema }) });
}

export const REVIEW_KEY = ['sharing', 'review'] as const;
export function useRuleReview() {
  return useQuery({ queryKey: REVIEW_KEY, queryFn: () => api('/api/sharing/review', { schema: ruleReviewListSchema }) });
}

export function reviewRule(ruleId: string, comment: string): Promise<RuleReviewList> {
  return api(`/api/sharing/rules/${encodeURIComponent(ruleId)}/review`, { method: 'PUT', body: { comment }, schema: ruleReviewListSchema });
}
export function disableRule(ruleId: string, reason: string): Promise<RuleReviewList> {
  return api(`/api/sharing/rules/${encodeURIComponent(ruleId)}/disable`, { method: 'PUT', body: { reason }, schema: ruleReviewListSchema });
}
export function enableRule(ruleId: string): Promise<RuleReviewList> {
  return api(`/api/sharing/rules/${encodeURIComponent(ruleId)}/disable`, { method: 'DELETE', schema: ruleReviewListSchema });
}
