import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { lagesbildSchema, sentLagesbildSchema, weekStateSchema } from '../../../shared/lagesbild';
import { actionPlanSchema, effectSchema, placeActionListSchema, placeActionSchema, type PlaceActionInput } from '../../../shared/place-actions';
import { isoWeekOf, localDateOf } from '../../../shared/stockholm-time';
import { eventCategoryListSchema } from '../../../shared/event-reports';

export const LAGESBILD_PATHS = {
  week: '/lagesbild',
  weekOf: (week: string, areaId?: string | null, sent = false) => {
    const params = new URLSearchParams();
    if (areaId) params.set('area', areaId);
    if (sent) params.set('version', 'sent');
    const text = params.toString();
    return `/lagesbild/${week}${text ? `?${text}` : ''}`;
  },
  actions: '/lagesbild/atgarder',
  newAction: '/lagesbild/atgarder/ny',
  action: (id: string) => `/lagesbild/atgarder/${id}`,
  plan: (year: number | string) => `/lagesbild/atgardsplan/${year}`,
} as const;

export const lagesbildKeys = {
  all: ['lagesbild'] as const,
  week: (week: string, areaId: string | null) => ['lagesbild', 'week', week, areaId] as const,
  sent: (week: string, areaId: string | null) => ['lagesbild', 'sent', week, areaId] as const,
  actions: (query: Record<string, string>) => ['lagesbild', 'actions', query] as const,
  action: (id: string) => ['lagesbild', 'action', id] as const,
  effect: (id: string, weeks: number, from: string) => ['lagesbild', 'effect', id, weeks, from] as const,
  plan: (year: number) => ['lagesbild', 'plan', year] as const,
};

/** This week in Stockholm, whatever zone the browser is in. */
export const currentWeek = () => isoWeekOf(localDateOf(new Date()));
export const currentYear = () => Number(localDateOf(new Date()).slice(0, 4));

const areaParam = (areaId: string | null) => (areaId ? `?area=${encodeURIComponent(areaId)}` : '');

export const weekQuery = (week: string, areaId: string | null) =>
  queryOptions({ queryKey: lagesbildKeys.week(week, areaId), queryFn: ({ signal }) => api(`/api/lagesbild/${week}${areaParam(areaId)}`, { schema: lagesbildSchema, signal }) });

export const sentWeekQuery = (week: string, areaId: string | null) =>
  queryOptions({ queryKey: lagesbildKeys.sent(week, areaId), queryFn: ({ signal }) => api(`/api/lagesbild/${week}/sent${areaParam(areaId)}`, { schema: sentLagesbildSchema, signal }) });

export const pdfHref = (week: string, areaId: string | null) => `/api/lagesbild/${week}/pdf${areaParam(areaId)}`;

export const saveAnalysis = (week: string, areaId: string | null, analysis: string) =>
  api(`/api/lagesbild/${week}/analysis${areaParam(areaId)}`, { method: 'PUT', body: { analysis }, schema: weekStateSchema });

export const weekStep = (week: string, areaId: string | null, step: 'close' | 'reopen' | 'send') =>
  api(`/api/lagesbild/${week}/${step}${areaParam(areaId)}`, { method: 'POST', body: {}, schema: weekStateSchema });

export const actionsQuery = (query: Record<string, string>) =>
  queryOptions({
    queryKey: lagesbildKeys.actions(query),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== '')).toString();
      return api(`/api/place-actions${params ? `?${params}` : ''}`, { schema: placeActionListSchema, signal });
    },
  });

export const actionQuery = (id: string) =>
  queryOptions({ queryKey: lagesbildKeys.action(id), queryFn: ({ signal }) => api(`/api/place-actions/${encodeURIComponent(id)}`, { schema: placeActionSchema, signal }) });

export const effectQuery = (id: string, weeks: number, from: 'decided' | 'completed') =>
  queryOptions({
    queryKey: lagesbildKeys.effect(id, weeks, from),
    queryFn: ({ signal }) => api(`/api/place-actions/${encodeURIComponent(id)}/effect?weeks=${weeks}&from=${from}`, { schema: effectSchema, signal }),
  });

export const decideAction = (input: PlaceActionInput) => api('/api/place-actions', { method: 'POST', body: input, schema: placeActionSchema });
export const setActionStatus = (id: string, status: string) => api(`/api/place-actions/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status }, schema: placeActionSchema });

export const planQuery = (year: number) => queryOptions({ queryKey: lagesbildKeys.plan(year), queryFn: ({ signal }) => api(`/api/action-plans/${year}`, { schema: actionPlanSchema, signal }) });
export const planPdfHref = (year: number) => `/api/action-plans/${year}/plan.pdf`;
export const savePlan = (year: number, input: { priorities: { category: string; areaId: string | null; reason: string }[]; followUp: string }) =>
  api(`/api/action-plans/${year}`, { method: 'PUT', body: input, schema: actionPlanSchema });
export const adoptPlan = (year: number) => api(`/api/action-plans/${year}/adopt`, { method: 'POST', body: {}, schema: actionPlanSchema });
export const addReview = (year: number, input: { kind: 'kvartal' | 'ar'; period: string; text: string }) =>
  api(`/api/action-plans/${year}/reviews`, { method: 'POST', body: input, schema: actionPlanSchema });

/** The tenant's event categories (the EST list and its own), to name a plan's priorities and an effect's rows. */
export const categoriesQuery = () =>
  queryOptions({ queryKey: ['lagesbild', 'categories'], queryFn: ({ signal }) => api('/api/event-categories', { schema: eventCategoryListSchema, signal }), staleTime: 300_000 });
