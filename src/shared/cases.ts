import { z } from 'zod';
import { consentCategorySchema, consentStateSchema, informationCategorySchema, type InformationCategory } from './sharing';
import { consentStatusSchema } from './consents';
import { line, multiline, token } from './text';

/**
 * The SSPF case (individärende): the vocabulary and the API contract. A case belongs to one young
 * person and one responsible coordinator (the case director). What each team member sees of it is
 * decided section by section by the lawful-sharing engine.
 */

type Names = { sv: string; en: string };

export const CASE_STATUSES = ['aktualiserad', 'samtycke_inhamtat', 'kartlaggning', 'natverksmote', 'plan_aktiv', 'uppfoljning', 'avslutad'] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;
export const CASE_STATUS_NAMES: Record<CaseStatus, Names> = {
  aktualiserad: { sv: 'Aktualiserad', en: 'Opened' },
  samtycke_inhamtat: { sv: 'Samtycke inhämtat', en: 'Consent obtained' },
  kartlaggning: { sv: 'Kartläggning', en: 'Mapping' },
  natverksmote: { sv: 'Nätverksmöte', en: 'Network meeting' },
  plan_aktiv: { sv: 'Plan aktiv', en: 'Plan active' },
  uppfoljning: { sv: 'Uppföljning', en: 'Follow-up' },
  avslutad: { sv: 'Avslutad', en: 'Closed' },
};

/** The five domains of risk and protective factors. */
export const FACTOR_DOMAINS = ['individ', 'familj', 'kamrater', 'skola', 'narmiljo_fritid'] as const;
export const factorDomainSchema = z.enum(FACTOR_DOMAINS);
export type FactorDomain = z.infer<typeof factorDomainSchema>;
export const FACTOR_DOMAIN_NAMES: Record<FactorDomain, Names> = {
  individ: { sv: 'Individ', en: 'Individual' },
  familj: { sv: 'Familj', en: 'Family' },
  kamrater: { sv: 'Kamrater', en: 'Peers' },
  skola: { sv: 'Skola', en: 'School' },
  narmiljo_fritid: { sv: 'Närmiljö och fritid', en: 'Neighbourhood and leisure' },
};

export const FACTOR_KINDS = ['risk', 'skydd'] as const;
export const factorKindSchema = z.enum(FACTOR_KINDS);
export type FactorKind = z.infer<typeof factorKindSchema>;
export const FACTOR_KIND_NAMES: Record<FactorKind, Names> = { risk: { sv: 'Riskfaktor', en: 'Risk factor' }, skydd: { sv: 'Skyddsfaktor', en: 'Protective factor' } };

export const FACTOR_LEVELS = ['lag', 'medel', 'hog'] as const;
export const factorLevelSchema = z.enum(FACTOR_LEVELS);
export type FactorLevel = z.infer<typeof factorLevelSchema>;
export const FACTOR_LEVEL_NAMES: Record<FactorLevel, Names> = { lag: { sv: 'Låg', en: 'Low' }, medel: { sv: 'Medel', en: 'Medium' }, hog: { sv: 'Hög', en: 'High' } };

export const ACTION_TYPES = [
  'mentorskap',
  'forening_fritid',
  'foraldrastod',
  'kompensatoriska_skolinsatser',
  'faltinsats',
  'feriejobb_praktik',
  'stod_socialtjansten',
  'polisiar_insats',
  'avhopparinsats',
  'boende_flytt',
  'annan',
] as const;
export const actionTypeSchema = z.enum(ACTION_TYPES);
export type ActionType = z.infer<typeof actionTypeSchema>;
export const ACTION_TYPE_NAMES: Record<ActionType, Names> = {
  mentorskap: { sv: 'Mentorskap', en: 'Mentoring' },
  forening_fritid: { sv: 'Föreningsaktivitet/fritid', en: 'Association or leisure activity' },
  foraldrastod: { sv: 'Föräldrastöd', en: 'Parenting support' },
  kompensatoriska_skolinsatser: { sv: 'Kompensatoriska skolinsatser', en: 'Compensatory school support' },
  faltinsats: { sv: 'Fältinsats', en: 'Outreach work' },
  feriejobb_praktik: { sv: 'Feriejobb/praktik', en: 'Summer job or work placement' },
  stod_socialtjansten: { sv: 'Stöd från socialtjänsten', en: 'Support from social services' },
  polisiar_insats: { sv: 'Polisiär insats', en: 'Police intervention' },
  avhopparinsats: { sv: 'Avhopparinsats', en: 'Exit programme' },
  boende_flytt: { sv: 'Boende/flytt', en: 'Housing or relocation' },
  annan: { sv: 'Annan', en: 'Other' },
};

/** The information category an action's description belongs to, for the engine. */
export const ACTION_TYPE_CATEGORY: Record<ActionType, InformationCategory> = {
  mentorskap: 'fritid',
  forening_fritid: 'fritid',
  foraldrastod: 'socialtjanst',
  kompensatoriska_skolinsatser: 'skola',
  faltinsats: 'fritid',
  feriejobb_praktik: 'fritid',
  stod_socialtjansten: 'socialtjanst',
  polisiar_insats: 'polis',
  avhopparinsats: 'polis',
  boende_flytt: 'socialtjanst',
  annan: 'samverkan',
};

export const ACTION_STATUSES = ['planerad', 'pagar', 'klar', 'avbruten'] as const;
export const actionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof actionStatusSchema>;
export const ACTION_STATUS_NAMES: Record<ActionStatus, Names> = {
  planerad: { sv: 'Planerad', en: 'Planned' },
  pagar: { sv: 'Pågår', en: 'In progress' },
  klar: { sv: 'Klar', en: 'Done' },
  avbruten: { sv: 'Avbruten', en: 'Cancelled' },
};

export const MEETING_KINDS = ['natverksmote', 'uppfoljning'] as const;
export const meetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof meetingKindSchema>;
export const MEETING_KIND_NAMES: Record<MeetingKind, Names> = { natverksmote: { sv: 'Nätverksmöte', en: 'Network meeting' }, uppfoljning: { sv: 'Uppföljningsmöte', en: 'Follow-up meeting' } };

export const CASE_CLOSE_REASONS = ['mal_uppnatt', 'samtycke_aterkallat', 'flyttat', 'overlamnat', 'fyllt_21', 'annat'] as const;
export const caseCloseReasonSchema = z.enum(CASE_CLOSE_REASONS);
export type CaseCloseReason = z.infer<typeof caseCloseReasonSchema>;
export const CASE_CLOSE_REASON_NAMES: Record<CaseCloseReason, Names> = {
  mal_uppnatt: { sv: 'Målen uppnådda', en: 'Goals reached' },
  samtycke_aterkallat: { sv: 'Samtycket återkallat', en: 'Consent withdrawn' },
  flyttat: { sv: 'Flyttat från kommunen', en: 'Moved away' },
  overlamnat: { sv: 'Överlämnat till annan insats', en: 'Handed over to another intervention' },
  fyllt_21: { sv: 'Fyllt 21 år', en: 'Turned 21' },
  annat: { sv: 'Annat', en: 'Other' },
};

/** Outcome in simple categories, so aggregate statistics can follow effects later. */
export const CASE_OUTCOMES = ['forbattrad', 'oforandrad', 'forsamrad', 'okand'] as const;
export const caseOutcomeSchema = z.enum(CASE_OUTCOMES);
export type CaseOutcome = z.infer<typeof caseOutcomeSchema>;
export const CASE_OUTCOME_NAMES: Record<CaseOutcome, Names> = {
  forbattrad: { sv: 'Situationen har förbättrats', en: 'Improved' },
  oforandrad: { sv: 'Oförändrad', en: 'Unchanged' },
  forsamrad: { sv: 'Försämrad', en: 'Worse' },
  okand: { sv: 'Okänt', en: 'Unknown' },
};

/**
 * The sections of a case, each with the information category the engine judges it by. Mapping is
 * split by category: a school factor is school information, whoever wrote it down. `actions_own` is
 * what a mentor or association member sees: only the actions assigned to them.
 */
export const CASE_SECTIONS = [
  'summary',
  'consent',
  'mapping_skola',
  'mapping_socialtjanst',
  'mapping_polis',
  'mapping_fritid',
  'mapping_halsa',
  'plan',
  'actions_own',
  'meetings',
] as const;
export const caseSectionSchema = z.enum(CASE_SECTIONS);
export type CaseSection = z.infer<typeof caseSectionSchema>;
export const CASE_SECTION_NAMES: Record<CaseSection, Names> = {
  summary: { sv: 'Översikt och team', en: 'Summary and team' },
  consent: { sv: 'Samtycke', en: 'Consent' },
  mapping_skola: { sv: 'Kartläggning: skola', en: 'Mapping: school' },
  mapping_socialtjanst: { sv: 'Kartläggning: socialtjänst', en: 'Mapping: social services' },
  mapping_polis: { sv: 'Kartläggning: polis', en: 'Mapping: police' },
  mapping_fritid: { sv: 'Kartläggning: fritid', en: 'Mapping: leisure' },
  mapping_halsa: { sv: 'Kartläggning: hälsa', en: 'Mapping: health' },
  plan: { sv: 'Åtagandeplan', en: 'Commitment plan' },
  actions_own: { sv: 'Mina insatser', en: 'My actions' },
  meetings: { sv: 'Möten', en: 'Meetings' },
};

export const mappingSectionOf = (category: InformationCategory): CaseSection | null =>
  category === 'samverkan' ? null : (`mapping_${category}` as CaseSection);


const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
/** Required one-line and multi-line text (text.ts refuses control characters in both). */
const requiredLine = (max: number) => line().min(1).max(max);
const requiredText = (max: number) => multiline().min(1).max(max);

// ---- Inputs ----------------------------------------------------------------------------------

export const caseIdParamsSchema = z.object({ id: z.uuid() }).strict();
export const caseChildParamsSchema = z.object({ id: z.uuid(), childId: z.uuid() }).strict();

export const openCaseInputSchema = z
  .object({
    personId: z.uuid(),
    /** A concern the case grows out of (the concern channel). */
    concernId: z.uuid().optional(),
    /** Defaults to the coordinator opening it. */
    directorUserId: token().min(1).max(100).optional(),
  })
  .strict();

export const caseTransitionInputSchema = z.object({ to: caseStatusSchema.exclude(['avslutad']) }).strict();

export const closeCaseInputSchema = z.object({ reason: caseCloseReasonSchema, outcome: caseOutcomeSchema, note: multiline().max(4000).optional() }).strict();

export const addMemberInputSchema = z
  .object({
    userId: token().min(1).max(100),
    organisationId: z.uuid(),
    /** The member's role in this case, in their own words: "mentor", "klassföreståndare", ... */
    caseRole: requiredLine(120),
  })
  .strict();

export const guardianParticipationInputSchema = z
  .object({ guardianId: z.uuid(), participates: z.boolean(), note: multiline().max(1000).optional() })
  .strict();

export const factorInputSchema = z
  .object({
    domain: factorDomainSchema,
    kind: factorKindSchema,
    level: factorLevelSchema,
    /** Which information category the note belongs to; drives who may see it. */
    category: informationCategorySchema.exclude(['samverkan']),
    /** The note concerns crime even though its category is not police (GDPR art. 10). */
    crimeData: z.boolean().default(false),
    note: multiline().max(4000).default(''),
  })
  .strict();
export const factorUpdateSchema = z.object({ level: factorLevelSchema.optional(), note: multiline().max(4000).optional() }).strict();

export const goalInputSchema = z.object({ text: requiredText(1000) }).strict();

export const actionInputSchema = z
  .object({
    goalId: z.uuid().nullable().optional(),
    type: actionTypeSchema,
    responsibleOrganisationId: z.uuid(),
    responsibleUserId: token().min(1).max(100).nullable().optional(),
    what: requiredText(2000),
    startOn: isoDate,
    dueOn: isoDate,
  })
  .strict()
  .refine((value) => value.dueOn >= value.startOn, { path: ['dueOn'], message: 'before_start' });
export const actionUpdateSchema = z
  .object({ status: actionStatusSchema.optional(), what: requiredText(2000).optional(), dueOn: isoDate.optional(), responsibleUserId: token().min(1).max(100).nullable().optional() })
  .strict();

export const meetingParticipantSchema = z.object({ name: requiredLine(200), organisation: line().max(200).default(''), role: line().max(120).default('') }).strict();

export const meetingInputSchema = z
  .object({
    kind: meetingKindSchema,
    /** When it was held, or is planned for (a planned follow-up drives the reminders). */
    heldOn: isoDate,
    held: z.boolean().default(true),
    participants: z.array(meetingParticipantSchema).max(40).default([]),
    decisions: multiline().max(8000).default(''),
    /** Actions created or changed at the meeting, by id. */
    actionIds: z.array(z.uuid()).max(50).default([]),
  })
  .strict();

/** A planned follow-up that has now taken place: when, who came, what was decided. */
export const meetingHeldInputSchema = z
  .object({
    heldOn: isoDate,
    participants: z.array(meetingParticipantSchema).max(40).default([]),
    decisions: multiline().max(8000).default(''),
    actionIds: z.array(z.uuid()).max(50).default([]),
  })
  .strict();

export const protectedIdentityDecisionInputSchema = z.object({ allowSharing: z.boolean(), note: requiredText(2000) }).strict();

export const CASE_PAGE_SIZE_DEFAULT = 50;
export const CASE_PAGE_SIZE_MAX = 200;

/**
 * Where a page of the case list ends: the last case's `updated_at` (as the database holds it, to the
 * microsecond, so no case with the same millisecond is skipped) and its id, the tie-break. The list is
 * ordered newest change first (updated_at desc, id desc) and the next page starts after this position.
 */
const caseListCursorSchema = z.object({ updatedAt: z.iso.datetime(), id: z.uuid() }).strict();
export type CaseListCursor = z.infer<typeof caseListCursorSchema>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Opaque to the client: base64url JSON, so it travels in a query string untouched. */
export function encodeCaseListCursor(cursor: CaseListCursor): string {
  // The JSON is ASCII only (an ISO timestamp and a uuid), so btoa takes it as it is.
  return btoa(JSON.stringify(cursor)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The position a cursor names, or `null` when it is not one this server wrote. */
export function decodeCaseListCursor(token: string): CaseListCursor | null {
  if (!BASE64URL.test(token)) return null;
  try {
    const parsed = caseListCursorSchema.safeParse(JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/'))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const caseListQuerySchema = z
  .object({
    status: caseStatusSchema.optional(),
    personId: z.uuid().optional(),
    /** `true` or `false` (z.coerce.boolean would read "false" as true). */
    mine: z.stringbool().optional(),
    limit: z.coerce.number().int().min(1).max(CASE_PAGE_SIZE_MAX).default(CASE_PAGE_SIZE_DEFAULT),
    /** The `nextCursor` of the previous page; omit for the first page. */
    cursor: token()
      .max(200)
      .refine((value) => decodeCaseListCursor(value) !== null, { message: 'invalid_cursor' })
      .optional(),
  })
  .strict();

// ---- Outputs ---------------------------------------------------------------------------------

/** Why a section is shown or hidden, as the engine answered for this viewer. */
export const sectionAccessSchema = z.object({
  section: caseSectionSchema,
  visible: z.boolean(),
  consentState: consentStateSchema,
  basis: z.string(),
  explanationSv: z.string(),
  explanationEn: z.string(),
});
export type SectionAccess = z.infer<typeof sectionAccessSchema>;

export const caseMemberSchema = z.object({
  id: z.uuid(),
  userId: z.string(),
  name: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  caseRole: z.string(),
  addedAt: isoDateTime,
  legalBasis: z.string().nullable(),
});

export const factorSchema = z.object({
  id: z.uuid(),
  domain: factorDomainSchema,
  kind: factorKindSchema,
  level: factorLevelSchema,
  category: informationCategorySchema,
  crimeData: z.boolean(),
  note: z.string(),
  organisationName: z.string(),
  updatedAt: isoDateTime,
  /** Added: `update` when the viewer may change the factor (the director, or its own organisation). */
  abilities: z.record(z.string(), z.boolean()).optional(),
});

export const goalSchema = z.object({ id: z.uuid(), text: z.string(), createdAt: isoDateTime });

export const actionSchema = z.object({
  id: z.uuid(),
  goalId: z.uuid().nullable(),
  type: actionTypeSchema,
  responsibleOrganisationId: z.uuid(),
  responsibleOrganisationName: z.string(),
  responsibleUserId: z.string().nullable(),
  responsibleUserName: z.string().nullable(),
  what: z.string(),
  startOn: isoDate,
  dueOn: isoDate,
  status: actionStatusSchema,
  overdue: z.boolean(),
  abilities: z.record(z.string(), z.boolean()),
});
export type CaseAction = z.infer<typeof actionSchema>;

export const meetingSchema = z.object({
  id: z.uuid(),
  kind: meetingKindSchema,
  heldOn: isoDate,
  held: z.boolean(),
  participants: z.array(meetingParticipantSchema),
  decisions: z.string(),
  actionIds: z.array(z.uuid()),
  createdAt: isoDateTime,
});

/**
 * Added: the entry types of a person's chronology (`timelineEntrySchema.type`). Concern entries are
 * `concern.<concern event type>`; consent entries come from the consent records themselves.
 */
export const CASE_EVENT_TYPES = [
  'case.opened',
  'case.transition',
  'case.closed',
  'member.added',
  'member.removed',
  'guardian.participation',
  'factor.added',
  'factor.updated',
  'goal.added',
  'action.added',
  'action.updated',
  'meeting.added',
  'meeting.held',
  'protected_identity.decision',
  'consent.recorded',
  'consent.party',
  'consent.withdrawn',
  // A referral from a plan action to an offer (issue 15 §4): made, answered by the provider, its outcome.
  'referral.created',
  'referral.answered',
  'referral.outcome',
  // A vetted mentor matched to a mentorskap action (issue 15 §5).
  'mentor.matched',
] as const;

export const timelineEntrySchema = z.object({
  id: z.uuid(),
  at: isoDateTime,
  type: z.string(),
  section: caseSectionSchema.nullable(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** The case or concern the entry belongs to (a person's chronology spans several). */
  caseId: z.uuid().nullable(),
  concernId: z.uuid().nullable(),
});

export const caseSummarySchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  personAge: z.int(),
  status: caseStatusSchema,
  directorUserId: z.string(),
  directorName: z.string(),
  openedAt: isoDateTime,
  updatedAt: isoDateTime,
  overdueActions: z.int(),
  nextMeetingOn: isoDate.nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/**
 * One page of the list, newest change first. A page may hold fewer than `limit` cases (a case the
 * viewer sees nothing of is left out after the page is cut); only `nextCursor: null` means the end.
 */
export const caseListSchema = z.object({ cases: z.array(caseSummarySchema), nextCursor: z.string().nullable() });

/**
 * One case as this viewer may see it. Hidden sections are absent (null or empty) and `access`
 * says why, so the page can explain "Du ser inte skolans uppgifter: samtycket omfattar dem inte".
 */
export const caseDetailSchema = caseSummarySchema.extend({
  concernId: z.uuid().nullable(),
  protectedIdentity: z.boolean(),
  protectedIdentityDecision: z.object({ allowSharing: z.boolean(), decidedAt: isoDateTime, decidedBy: z.string() }).nullable(),
  closeReason: caseCloseReasonSchema.nullable(),
  outcome: caseOutcomeSchema.nullable(),
  closedAt: isoDateTime.nullable(),
  members: z.array(caseMemberSchema),
  guardians: z.array(z.object({ guardianId: z.uuid(), name: z.string(), participates: z.boolean().nullable(), note: z.string() })),
  consentId: z.uuid().nullable(),
  /**
   * What the team may know of the consent the case rests on (when the consent section is shown): its
   * status and scope, without the parties. The consent register itself is the coordinator's.
   */
  consent: z
    .object({
      id: z.uuid(),
      status: consentStatusSchema,
      organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
      categories: z.array(consentCategorySchema),
      validFrom: isoDate,
      validTo: isoDate,
      withdrawnAt: isoDateTime.nullable(),
    })
    .nullable(),
  factors: z.array(factorSchema),
  goals: z.array(goalSchema),
  actions: z.array(actionSchema),
  meetings: z.array(meetingSchema),
  access: z.array(sectionAccessSchema),
  /** The statuses this viewer may move the case to now, with the reason for any that are blocked. */
  transitions: z.array(z.object({ to: caseStatusSchema, allowed: z.boolean(), blockedBy: z.string().nullable() })),
  abilities: z.record(z.string(), z.boolean()),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** Added: `GET /api/cases/:id/candidates?organisationId=`: colleagues the director may invite from one organisation. */
export const caseCandidatesQuerySchema = z.object({ organisationId: z.uuid() }).strict();
export const caseCandidatesSchema = z.object({
  candidates: z.array(z.object({ userId: z.string(), name: z.string(), organisationId: z.uuid(), organisationName: z.string(), roles: z.array(z.string()) })),
});

export const chronologySchema = z.object({ personId: z.uuid(), entries: z.array(timelineEntrySchema) });
