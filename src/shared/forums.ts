import { z } from 'zod';
import type { Role } from './roles';
import { line, multiline } from './text';
import { isValidIsoWeek } from './stockholm-time';

/**
 * Forums (samverkansforum), issue 15 §2: a styrgrupp, an operativ grupp (SSPF), an EST-grupp, a
 * trygghetsråd or a nätverk, whose meetings follow up earlier decisions, decide new ones and keep
 * minutes (protokoll) that a named member approves (justering). The contract between API and web.
 *
 * Who sees what (docs/CASE-ACCESS.md, "Forums"): coordinators and administrators create forums and see
 * them all; the chair runs their forum; members (their organisation or themselves named) read the
 * forum, its meetings, decisions and minutes; every other member of the tenant sees only the list
 * (name, type, member organisations). An SSPF case on an agenda is only its reference for anyone not
 * on the case's team.
 */

export const FORUM_TYPES = ['styrgrupp', 'operativ_grupp', 'est_grupp', 'trygghetsrad', 'natverk'] as const;
export type ForumType = (typeof FORUM_TYPES)[number];

export const DECISION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
/** Decisions still to be followed up: they open every later meeting of the forum. */
export const OPEN_DECISION_STATUSES = ['open', 'in_progress'] as const satisfies readonly DecisionStatus[];

export const AGENDA_LINK_KINDS = ['lagesbild_week', 'place', 'place_action', 'offer', 'decision', 'sspf_case'] as const;
export type AgendaLinkKind = (typeof AGENDA_LINK_KINDS)[number];

/**
 * Who creates forums and meetings besides a forum's chair, and reads every forum in full: the
 * coordinator, who owns the forums (ROLES). Not the administrator: minutes of an operativ grupp can name
 * children, and the administrator governs memberships, not the work; as a named member they read it.
 */
export const FORUM_MANAGER_ROLES = ['koordinator'] as const satisfies readonly Role[];

export const MEMBER_KINDS = ['organisation', 'user', 'key_person'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

/** A calendar day that exists (2026-02-31 is refused here, not by the database). */
const dateSchema = z.iso.date({ message: 'invalid_date' });

export const forumMemberInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organisation'), organisationId: z.uuid() }),
  z.strictObject({ kind: z.literal('user'), userId: line().min(1).max(100) }),
  z.strictObject({ kind: z.literal('key_person'), keyPersonId: z.uuid() }),
]);
export type ForumMemberInput = z.infer<typeof forumMemberInputSchema>;

export const forumInputSchema = z.strictObject({
  name: line().min(2).max(200),
  type: z.enum(FORUM_TYPES),
  chairUserId: line().min(1).max(100),
  members: z.array(forumMemberInputSchema).max(100).default([]),
});
export type ForumInput = z.input<typeof forumInputSchema>;

export const forumIdParamsSchema = z.strictObject({ forumId: z.uuid() });
export const meetingParamsSchema = z.strictObject({ forumId: z.uuid(), meetingId: z.uuid() });
export const decisionParamsSchema = z.strictObject({ forumId: z.uuid(), decisionId: z.uuid() });

export const agendaLinkInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lagesbild_week'), week: z.string().refine(isValidIsoWeek, { message: 'invalid_iso_week' }) }),
  z.strictObject({ kind: z.literal('place'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('place_action'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('offer'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('decision'), id: z.uuid() }),
  /** The case is named by its id only; what is behind it is shown to its team alone. */
  z.strictObject({ kind: z.literal('sspf_case'), id: z.uuid() }),
]);
export type AgendaLinkInput = z.infer<typeof agendaLinkInputSchema>;

export const agendaItemInputSchema = z.strictObject({
  title: line().min(1).max(300),
  link: agendaLinkInputSchema.nullable().default(null),
});

export const meetingInputSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(5).max(24 * 60),
  place: line().max(300).default(''),
  agenda: z.array(agendaItemInputSchema).max(50).default([]),
});
export type MeetingInput = z.input<typeof meetingInputSchema>;

/** The running meeting's record: attendance, minutes per item, the justerare. Refused once approved. */
export const meetingRecordInputSchema = z.strictObject({
  attendance: z.array(z.strictObject({ memberId: z.uuid(), present: z.boolean() })).max(200).optional(),
  minutes: z.array(z.strictObject({ itemId: z.uuid(), text: multiline().max(20_000) })).max(50).optional(),
  justerareUserId: line().min(1).max(100).nullable().optional(),
});
export type MeetingRecordInput = z.input<typeof meetingRecordInputSchema>;

export const decisionInputSchema = z
  .strictObject({
    text: multiline().min(2).max(2000),
    ownerOrganisationId: z.uuid(),
    ownerUserId: line().min(1).max(100).nullable().default(null),
    ownerName: line().max(200).nullable().default(null),
    dueOn: dateSchema,
  })
  .refine((v) => v.ownerUserId === null || v.ownerName === null, { message: 'one_owner', path: ['ownerName'] });
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const decisionStatusInputSchema = z.strictObject({ status: z.enum(DECISION_STATUSES), meetingId: z.uuid().optional() });

const abilitiesSchema = z.record(z.string(), z.boolean());

export const forumMemberSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(MEMBER_KINDS),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  userId: z.string().nullable(),
  keyPersonId: z.string().nullable(),
  /** A person's name (user or key person); null for an organisation. */
  name: z.string().nullable(),
});
export type ForumMember = z.infer<typeof forumMemberSchema>;

export const forumSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(FORUM_TYPES),
  memberOrganisations: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  /** Whether the reader may open the forum (member, chair or manager). */
  member: z.boolean(),
});
export type ForumSummary = z.infer<typeof forumSummarySchema>;

export const forumListSchema = z.strictObject({
  forums: z.array(forumSummarySchema),
  abilities: abilitiesSchema,
  /** For the create form: the tenant's organisations, users and key persons (managers only; else empty). */
  candidates: z.strictObject({
    organisations: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    users: z.array(z.strictObject({ id: z.string(), name: z.string(), organisationName: z.string() })),
    keyPersons: z.array(z.strictObject({ id: z.string(), name: z.string(), organisationName: z.string() })),
  }),
});
export type ForumList = z.infer<typeof forumListSchema>;

export const decisionSchema = z.strictObject({
  id: z.string(),
  meetingId: z.string(),
  meetingStartsAt: z.string(),
  text: z.string(),
  ownerOrganisationId: z.string(),
  ownerOrganisationName: z.string(),
  ownerUserId: z.string().nullable(),
  /** The owner person's name: the user's, or the free text. */
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(DECISION_STATUSES),
  overdue: z.boolean(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const meetingSummarySchema = z.strictObject({
  id: z.string(),
  startsAt: z.string(),
  durationMinutes: z.number(),
  place: z.string(),
  approved: z.boolean(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const forumSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(FORUM_TYPES),
  chairUserId: z.string(),
  chairName: z.string(),
  members: z.array(forumMemberSchema),
  meetings: z.array(meetingSummarySchema),
  openDecisions: z.array(decisionSchema),
  abilities: abilitiesSchema,
});
export type Forum = z.infer<typeof forumSchema>;

/** What an agenda link shows. `visible` false: a case for someone not on its team, the reference only. */
export const agendaLinkSchema = z.strictObject({
  kind: z.enum(AGENDA_LINK_KINDS),
  /** The id, the ISO week, or for a case its reference ("SSPF-1A2B3C4D"). */
  ref: z.string(),
  label: z.string(),
  href: z.string().nullable(),
  visible: z.boolean(),
});
export type AgendaLink = z.infer<typeof agendaLinkSchema>;

export const agendaItemSchema = z.strictObject({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  link: agendaLinkSchema.nullable(),
  minutes: z.string(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const meetingSchema = z.strictObject({
  id: z.string(),
  forumId: z.string(),
  forumName: z.string(),
  forumType: z.enum(FORUM_TYPES),
  startsAt: z.string(),
  durationMinutes: z.number(),
  place: z.string(),
  agenda: z.array(agendaItemSchema),
  attendance: z.array(z.strictObject({ memberId: z.string(), present: z.boolean().nullable() })),
  members: z.array(forumMemberSchema),
  /** "Uppföljning av beslut": the open decisions of earlier meetings of the forum. */
  followUp: z.array(decisionSchema),
  decisions: z.array(decisionSchema),
  justerareUserId: z.string().nullable(),
  justerareName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  /** Named people of the forum who have an account: who may be designated justerare. */
  justerareCandidates: z.array(z.strictObject({ userId: z.string(), name: z.string() })),
  abilities: abilitiesSchema,
});
export type Meeting = z.infer<typeof meetingSchema>;

/** A case's reference on an agenda: not the person, not the id in full. */
export const caseReference = (caseId: string) => `SSPF-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

/** Overdue: due before today (Stockholm day, YYYY-MM-DD) and still open or in progress. */
export const isOverdue = (decision: { dueOn: string; status: string }, today: string) =>
  decision.dueOn < today && (OPEN_DECISION_STATUSES as readonly string[]).includes(decision.status);

/** The message of a write refused because the minutes are approved (409, field `meeting`). */
export const MINUTES_APPROVED_MESSAGE = 'minutes_approved';

export const FORUM_TYPE_NAMES: Record<ForumType, { sv: string; en: string }> = {
  styrgrupp: { sv: 'Styrgrupp', en: 'Steering group' },
  operativ_grupp: { sv: 'Operativ grupp (SSPF)', en: 'Operational group (SSPF)' },
  est_grupp: { sv: 'EST-grupp', en: 'EST group' },
  trygghetsrad: { sv: 'Trygghetsråd', en: 'Community safety council' },
  natverk: { sv: 'Nätverk', en: 'Network' },
};

export const DECISION_STATUS_NAMES: Record<DecisionStatus, { sv: string; en: string }> = {
  open: { sv: 'Öppet', en: 'Open' },
  in_progress: { sv: 'Pågår', en: 'In progress' },
  done: { sv: 'Klart', en: 'Done' },
  cancelled: { sv: 'Avbrutet', en: 'Cancelled' },
};
