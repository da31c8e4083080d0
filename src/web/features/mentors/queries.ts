import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  actionMentorSchema,
  mentorDetailSchema,
  mentorListSchema,
  mentorMeetingListSchema,
  mentorMeetingSchema,
  MENTORS_PATH,
  MY_MENTOR_MEETINGS_PATH,
  myMentorshipsSchema,
  type MentorInput,
  type MentorMeetingInput,
  type TrainingInput,
  type VettingInput,
} from '../../../shared/mentors';

export const MENTOR_PATHS = {
  list: MENTORS_PATH,
  mentor: (id: string) => `${MENTORS_PATH}/${id}`,
  mine: MY_MENTOR_MEETINGS_PATH,
} as const;

export const mentorKeys = {
  all: ['mentors'] as const,
  list: (query: Record<string, string>) => ['mentors', 'list', query] as const,
  one: (id: string) => ['mentors', 'one', id] as const,
  mine: ['mentors', 'mine'] as const,
  action: (caseId: string, actionId: string) => ['mentors', 'action', caseId, actionId] as const,
  log: (caseId: string, actionId: string) => ['mentors', 'log', caseId, actionId] as const,
};

const search = (query: Record<string, string>) => {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
};

export const mentorsQuery = (query: Record<string, string> = {}) =>
  queryOptions({ queryKey: mentorKeys.list(query), queryFn: ({ signal }) => api(`/api/mentors${search(query)}`, { schema: mentorListSchema, signal }) });
export const mentorQuery = (id: string) =>
  queryOptions({ queryKey: mentorKeys.one(id), queryFn: ({ signal }) => api(`/api/mentors/${encodeURIComponent(id)}`, { schema: mentorDetailSchema, signal }) });
export const myMentorshipsQuery = () => queryOptions({ queryKey: mentorKeys.mine, queryFn: ({ signal }) => api('/api/mentors/mine', { schema: myMentorshipsSchema, signal }) });

const actionPath = (caseId: string, actionId: string) => `/api/cases/${encodeURIComponent(caseId)}/actions/${encodeURIComponent(actionId)}/mentor`;
export const actionMentorQuery = (caseId: string, actionId: string) =>
  queryOptions({ queryKey: mentorKeys.action(caseId, actionId), queryFn: ({ signal }) => api(actionPath(caseId, actionId), { schema: actionMentorSchema, signal }) });
export const mentorLogQuery = (caseId: string, actionId: string) =>
  queryOptions({ queryKey: mentorKeys.log(caseId, actionId), queryFn: ({ signal }) => api(`${actionPath(caseId, actionId)}/meetings`, { schema: mentorMeetingListSchema, signal }) });

export const createMentor = (input: MentorInput) => api('/api/mentors', { method: 'POST', body: input, schema: mentorDetailSchema });
export const recordVetting = (id: string, input: VettingInput) => api(`/api/mentors/${encodeURIComponent(id)}/vetting-checks`, { method: 'POST', body: input, schema: mentorDetailSchema });
export const recordTraining = (id: string, input: TrainingInput) => api(`/api/mentors/${encodeURIComponent(id)}/trainings`, { method: 'POST', body: input, schema: mentorDetailSchema });
export const matchMentor = (caseId: string, actionId: string, mentorId: string) => api(actionPath(caseId, actionId), { method: 'POST', body: { mentorId }, schema: actionMentorSchema });
export const logMeeting = (caseId: string, actionId: string, input: MentorMeetingInput) => api(`${actionPath(caseId, actionId)}/meetings`, { method: 'POST', body: input, schema: mentorMeetingSchema });
