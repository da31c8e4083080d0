import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  decisionSchema,
  forumListSchema,
  forumSchema,
  meetingSchema,
  type DecisionInput,
  type DecisionStatus,
  type ForumInput,
  type MeetingInput,
  type MeetingRecordInput,
} from '../../../shared/forums';

export const FORUM_PATHS = {
  list: '/forum',
  forum: (id: string) => `/forum/${id}`,
  meeting: (forumId: string, meetingId: string) => `/forum/${forumId}/moten/${meetingId}`,
} as const;

const base = (forumId: string) => `/api/forums/${encodeURIComponent(forumId)}`;
const meetingBase = (forumId: string, meetingId: string) => `${base(forumId)}/meetings/${encodeURIComponent(meetingId)}`;

export const forumKeys = {
  all: ['forums'] as const,
  list: ['forums', 'list'] as const,
  one: (id: string) => ['forums', 'one', id] as const,
  meeting: (forumId: string, meetingId: string) => ['forums', 'meeting', forumId, meetingId] as const,
};

export const forumsQuery = () => queryOptions({ queryKey: forumKeys.list, queryFn: ({ signal }) => api('/api/forums', { schema: forumListSchema, signal }) });
export const forumQuery = (id: string) => queryOptions({ queryKey: forumKeys.one(id), queryFn: ({ signal }) => api(base(id), { schema: forumSchema, signal }) });
export const meetingQuery = (forumId: string, meetingId: string) =>
  queryOptions({ queryKey: forumKeys.meeting(forumId, meetingId), queryFn: ({ signal }) => api(meetingBase(forumId, meetingId), { schema: meetingSchema, signal }) });

export const createForum = (input: ForumInput) => api('/api/forums', { method: 'POST', body: input, schema: forumSchema });
export const createMeeting = (forumId: string, input: MeetingInput) => api(`${base(forumId)}/meetings`, { method: 'POST', body: input, schema: meetingSchema });
export const recordMeeting = (forumId: string, meetingId: string, input: MeetingRecordInput) =>
  api(`${meetingBase(forumId, meetingId)}/record`, { method: 'PUT', body: input, schema: meetingSchema });
export const addDecision = (forumId: string, meetingId: string, input: DecisionInput) => api(`${meetingBase(forumId, meetingId)}/decisions`, { method: 'POST', body: input, schema: decisionSchema });
export const setDecisionStatus = (forumId: string, decisionId: string, status: DecisionStatus, meetingId?: string) =>
  api(`${base(forumId)}/decisions/${encodeURIComponent(decisionId)}/status`, { method: 'PUT', body: { status, ...(meetingId ? { meetingId } : {}) }, schema: decisionSchema });
export const approveMinutes = (forumId: string, meetingId: string) => api(`${meetingBase(forumId, meetingId)}/approve`, { method: 'POST', schema: meetingSchema });
export const minutesPdfUrl = (forumId: string, meetingId: string) => `${meetingBase(forumId, meetingId)}/protokoll.pdf`;
