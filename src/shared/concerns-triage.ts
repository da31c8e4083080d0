import { z } from 'zod';
import {
  closeReasonSchema,
  concernCategorySchema,
  concernDecisionSchema,
  concernKindSchema,
  concernStatusSchema,
  guardiansKnowSchema,
  placeEventTypeSchema,
  protectionAssessmentSchema,
  reporterOrganisationTypeSchema,
  reporterRoleSchema,
  DEADLINE_STATES,
} from './concerns';
import { formLanguageSchema } from './concerns-public';
import { abilitiesSchema } from './organisations';
import { identityNumberSchema, personInputSchema, personSummarySchema } from './persons';
import { line, multiline, token } from './text';

/** The signed-in side of the concern channel: the inbox, the concern page and its actions. */

export const deadlineStateSchema = z.enum(DEADLINE_STATES);

const deadlineSchema = z.object({
  dueAt: z.string(),
  /** When it was met (assessment or decision recorded, or the concern closed); `null` while open. */
  doneAt: z.string().nullable(),
  /** `ok` also when met. */
  state: deadlineStateSchema,
});

/** Person concerns only; `null` for place reports. */
export const concernDeadlinesSchema = z
  .object({
    protectionAssessment: deadlineSchema,
    decision: deadlineSchema,
  })
  .nullable();

const userRefSchema = z.object({ userId: z.string(), name: z.string().nullable() });

// --- Inbox ---------------------------------------------------------------------------------------

export const INBOX_SORTS = ['received_desc', 'received_asc', 'deadline', 'status'] as const;
export const INBOX_PAGE_SIZE_MAX = 100;

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const inboxQuerySchema = z
  .object({
    /** One status or several, comma-separated. Default: every status but `avslutad`. */
    status: token()
      .max(80)
      .transform((value) => value.split(',').filter(Boolean))
      .pipe(z.array(concernStatusSchema).min(1))
      .optional(),
    kind: concernKindSchema.optional(),
    /** `me`, `none`, or a user id. */
    assigned: token().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    /** Only concerns with an open deadline that has passed. */
    overdue: booleanQuery.optional(),
    sort: z.enum(INBOX_SORTS).default('received_desc'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(INBOX_PAGE_SIZE_MAX).default(25),
  })
  .strict();
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const inboxRowSchema = z.object({
  id: z.uuid(),
  /** First eight characters of the id, for talking about a concern on the phone. */
  reference: z.string(),
  kind: concernKindSchema,
  status: concernStatusSchema,
  receivedAt: z.string(),
  categories: z.array(concernCategorySchema),
  eventType: placeEventTypeSchema.nullable(),
  reporterRole: reporterRoleSchema.nullable(),
  /** The first 140 characters of the description. Plain text: render it as text, never as HTML. */
  excerpt: z.string(),
  assignee: userRefSchema.nullable(),
  personLinked: z.boolean(),
  deadlines: concernDeadlinesSchema,
  /** The worst open deadline, for colour: ok, near, overdue. */
  deadlineState: deadlineStateSchema,
  abilities: abilitiesSchema,
});
export type InboxRow = z.infer<typeof inboxRowSchema>;

export const inboxSchema = z.object({
  concerns: z.array(inboxRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** `list` and `configureRouting` on the collection. */
  abilities: abilitiesSchema,
});
export type Inbox = z.infer<typeof inboxSchema>;

// --- The concern page ------------------------------------------------------------------------------

export const concernIdParamsSchema = z.object({ id: z.uuid() }).strict();

export const TIMELINE_EVENT_TYPES = [
  'received',
  'assigned',
  'person_linked',
  'person_unlinked',
  'assessed',
  'decided',
  'note',
  'forwarded',
  'closed',
] as const;
export const timelineEventTypeSchema = z.enum(TIMELINE_EVENT_TYPES);

export const timelineEntrySchema = z.object({
  id: z.uuid(),
  type: timelineEventTypeSchema,
  at: z.string(),
  /** `null` for the public reporter. */
  actor: userRefSchema.nullable(),
  /**
   * Structured facts of the step: `{ result }`, `{ decision }`, `{ reason }`, `{ assigneeUserId, assigneeName }`,
   * `{ fromOrganisationId, toOrganisationId, toOrganisationName, legalBasis }`, `{ personId }`. Never free text.
   */
  details: z.record(z.string(), z.unknown()),
  /** The step's free-text note, decrypted; plain text. */
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const concernDetailSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  kind: concernKindSchema,
  status: concernStatusSchema,
  /** What the reporter sees besides the status; only ever set for a reporter with the duty to report. */
  feedback: concernDecisionSchema.nullable(),
  receivedAt: z.string(),
  language: formLanguageSchema.nullable(),
  receivingOrganisation: z.object({ id: z.uuid(), name: z.string() }),
  assignee: userRefSchema.nullable(),
  /** Person concerns; `null` for place reports. All strings are plain text. */
  reporter: z
    .object({
      role: reporterRoleSchema,
      dutyToReport: z.boolean(),
      organisationType: reporterOrganisationTypeSchema.nullable(),
      organisationName: z.string().nullable(),
      association: z.object({ id: z.uuid().nullable(), name: z.string().nullable() }).nullable(),
      contact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
    })
    .nullable(),
  subject: z
    .object({
      name: z.string().nullable(),
      approximateAge: z.number().int().nullable(),
      school: z.string().nullable(),
      whereSeen: z.string().nullable(),
    })
    .nullable(),
  /** The linked person of the register; `null` when none, or when the actor may not read them. */
  person: personSummarySchema.nullable(),
  categories: z.array(concernCategorySchema),
  eventType: placeEventTypeSchema.nullable(),
  description: z.string(),
  place: z.object({ text: z.string().nullable(), arenaId: z.uuid().nullable() }),
  occurredOn: z.string().nullable(),
  occurredTime: z.string().nullable(),
  guardiansKnow: guardiansKnowSchema.nullable(),
  assessment: z.object({ result: protectionAssessmentSchema, at: z.string(), by: userRefSchema }).nullable(),
  decision: z.object({ decision: concernDecisionSchema, at: z.string(), by: userRefSchema }).nullable(),
  closed: z.object({ reason: closeReasonSchema, at: z.string(), by: userRefSchema }).nullable(),
  deadlines: concernDeadlinesSchema,
  deadlineState: deadlineStateSchema,
  /** Oldest first. */
  timeline: z.array(timelineEntrySchema),
  /** read, assign, assess, decide, linkPerson, addNote, forward, close: each already false when the state does not allow it. */
  abilities: abilitiesSchema,
});
export type ConcernDetail = z.infer<typeof concernDetailSchema>;

// --- Actions ---------------------------------------------------------------------------------------

const noteSchema = multiline().max(5000).optional();

export const assignInputSchema = z.object({ userId: token().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable() }).strict();

export const assessInputSchema = z.object({ result: protectionAssessmentSchema, note: noteSchema }).strict();

export const decideInputSchema = z.object({ decision: concernDecisionSchema, note: noteSchema }).strict();

export const noteInputSchema = z.object({ body: multiline().min(1).max(10_000) }).strict();

export const forwardInputSchema = z
  .object({
    organisationId: z.uuid(),
    /** The provision that allows the disclosure, e.g. "OSL 10 kap. 2 §". Recorded in the audit event. */
    legalBasis: line().min(3).max(200),
    note: noteSchema,
  })
  .strict();

export const closeInputSchema = z.object({ reason: closeReasonSchema, note: noteSchema }).strict();

/** Link the concern to a person in the register: by personnummer, or by registering a new person. */
export const linkPersonInputSchema = z
  .object({ identityNumber: identityNumberSchema.optional(), newPerson: personInputSchema.optional() })
  .strict()
  .refine((value) => (value.identityNumber === undefined) !== (value.newPerson === undefined), { message: 'identity_number_or_new_person' });
export type LinkPersonInput = z.infer<typeof linkPersonInputSchema>;

export const assigneesSchema = z.object({ assignees: z.array(userRefSchema) });
/** `GET /api/concerns/:id/coordinators`: the SSPF coordinators the concern's person may be handed over to. */
export const coordinatorsSchema = z.object({ coordinators: z.array(userRefSchema) });
export const forwardTargetsSchema = z.object({ organisations: z.array(z.object({ id: z.uuid(), name: z.string(), type: z.string() })) });
