import { z } from 'zod';
import { actionStatusSchema, actionTypeSchema, meetingKindSchema } from './cases';
import { concernStatusSchema } from './concerns';
import { logReviewFlagKindSchema } from './log-review';
import type { Role } from './roles';

/**
 * The start page's "Det här behöver din uppmärksamhet": one card per kind of work waiting, each a short
 * list (the most urgent few, a count of all, a link to the full list). Which cards a role gets is decided
 * here, once: the server's policy reads it, and the web shows the same cards while they load.
 * A card for a module that does not exist yet (places, lägesbild, forums) is not listed.
 */
export const ATTENTION_CARD_IDS = ['concerns', 'commitments', 'assignedActions', 'meetings', 'consents', 'invitations', 'logReviews'] as const;
export const attentionCardIdSchema = z.enum(ATTENTION_CARD_IDS);
export type AttentionCardId = z.infer<typeof attentionCardIdSchema>;

/** Public-authority roles that sit on SSPF teams and see the plan and meetings of a case (docs/CASE-ACCESS.md). */
const TEAM_AUTHORITY_ROLES = ['koordinator', 'handlaggare', 'skolpersonal', 'polis', 'fritidsledare', 'faltassistent', 'mvc_bvc'] as const satisfies readonly Role[];

export const ATTENTION_CARD_ROLES: Record<AttentionCardId, readonly Role[]> = {
  /** Person concerns: the intake unit's inbox, and the case officer's assigned ones (concerns/policy.ts). */
  concerns: ['mottagning', 'handlaggare'],
  /** Actions in the plans of the cases they are on, theirs or their organisation's; the director also the overdue ones. */
  commitments: TEAM_AUTHORITY_ROLES,
  /** Associations, businesses and mentors see only the actions assigned to them, never the plan. */
  assignedActions: ['foreningsnyckelperson', 'naringsidkare', 'mentor'],
  /** Meetings are shared with the public authorities on the team only. */
  meetings: TEAM_AUTHORITY_ROLES,
  /** Only the director (a coordinator) keeps the case's consent. */
  consents: ['koordinator'],
  invitations: ['administrator'],
  /** The systematic review's open flags (shared/log-review.ts). */
  logReviews: ['loggranskare'],
};

export function attentionCardsFor(role: Role): AttentionCardId[] {
  return ATTENTION_CARD_IDS.filter((card) => ATTENTION_CARD_ROLES[card].includes(role));
}

/** How many items a card lists; its `total` counts them all. */
export const ATTENTION_LIMIT = 5;
/** Meetings this many days ahead are listed. */
export const ATTENTION_MEETING_DAYS = 14;

const deadlineStateSchema = z.enum(['ok', 'near', 'overdue']);

export const concernItemSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: concernStatusSchema,
  receivedAt: z.string(),
  /** Whether it waits for anyone (`false`) or is assigned to the viewer (`true`). */
  assignedToMe: z.boolean(),
  /** The next open deadline: the protection assessment until it is recorded, then the decision. */
  nextDeadline: z.object({ kind: z.enum(['protectionAssessment', 'decision']), dueAt: z.string(), state: deadlineStateSchema }).nullable(),
  href: z.string(),
});

export const actionItemSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  personName: z.string(),
  type: actionTypeSchema,
  status: actionStatusSchema,
  dueOn: z.string(),
  overdue: z.boolean(),
  /** The viewer is the responsible person (not only their organisation, or the director). */
  mine: z.boolean(),
  href: z.string(),
});

export const meetingItemSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  personName: z.string(),
  kind: meetingKindSchema,
  heldOn: z.string(),
  href: z.string(),
});

export const consentItemSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  personName: z.string(),
  validTo: z.string(),
  href: z.string(),
});

export const invitationItemSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  invitedAt: z.string(),
  href: z.string(),
});

/** An open flag of the log review: who, which kind, which day; the person is named only on the review page. */
export const logReviewItemSchema = z.object({
  id: z.string(),
  kind: logReviewFlagKindSchema,
  userName: z.string().nullable(),
  day: z.string(),
  count: z.number().int(),
  href: z.string(),
});

const card = <I extends z.ZodType, K extends AttentionCardId>(id: K, item: I) =>
  z.object({
    id: z.literal(id),
    /** Every item waiting, of which `items` are the first few. */
    total: z.number().int().min(0),
    items: z.array(item).max(ATTENTION_LIMIT),
    /** The full list. */
    href: z.string(),
  });

export const attentionCardSchema = z.discriminatedUnion('id', [
  card('concerns', concernItemSchema),
  card('commitments', actionItemSchema),
  card('assignedActions', actionItemSchema),
  card('meetings', meetingItemSchema),
  card('consents', consentItemSchema),
  card('invitations', invitationItemSchema),
  card('logReviews', logReviewItemSchema),
]);
export type AttentionCard = z.infer<typeof attentionCardSchema>;
export type ConcernItem = z.infer<typeof concernItemSchema>;
export type ActionItem = z.infer<typeof actionItemSchema>;
export type MeetingItem = z.infer<typeof meetingItemSchema>;
export type ConsentItem = z.infer<typeof consentItemSchema>;
export type InvitationItem = z.infer<typeof invitationItemSchema>;
export type LogReviewItem = z.infer<typeof logReviewItemSchema>;

export const attentionSchema = z.object({ cards: z.array(attentionCardSchema) });
export type Attention = z.infer<typeof attentionSchema>;
