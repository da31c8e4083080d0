import { z } from 'zod';
import type { Role } from './roles';
import { line, multiline, token } from './text';
import { containsIdentityNumber } from './field-reports';

/**
 * The mentor programme, issue 15 §5: a register of volunteer mentors (not the school's mentor role),
 * their vetting, matching to a young person's plan action, and the mentor's meeting log.
 *
 * Vetting records THAT the limited criminal-record extract for work with children ("begränsat
 * registerutdrag för arbete med barn") was seen: the day and by whom. The extract itself is never
 * stored. A check is valid for one year: on the anniversary it is still valid (one year old, not
 * older), the day after it has expired and the mentor cannot be matched.
 */

export const MENTORS_PATH = '/mentorer';
export const MY_MENTOR_MEETINGS_PATH = '/mina-mentorstraffar';

/** A check older than this many years cannot be matched. */
export const VETTING_VALID_YEARS = 1;
/** The mentor's organisation hears this many days before the check expires (once per check). */
export const VETTING_REMINDER_DAYS = 30;

export const VETTING_STATUSES = ['giltig', 'gar_ut', 'utgangen', 'saknas'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];

/** Coordinators see and keep the whole register; they also match mentors (as case directors). */
export const MENTOR_COORDINATOR_ROLES = ['koordinator'] as const satisfies readonly Role[];
/** Roles that never see the register, even their own organisation's part: their work is elsewhere. The mentor sees only their own record. */
export const MENTOR_REGISTER_EXCLUDED_ROLES = ['mentor', 'est_rapportor', 'loggranskare', 'analytiker', 'administrator', 'jurist'] as const satisfies readonly Role[];

/** The day `years` after a YYYY-MM-DD day (29 February rolls to 1 March). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

export function addDaysTo(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day a check made on `checkedOn` is valid: its first anniversary. */
export const vettingValidThrough = (checkedOn: string) => addYears(checkedOn, VETTING_VALID_YEARS);

/** The vetting status on `today` of a mentor whose latest check was made on `checkedOn` (or never). */
export function vettingStatus(checkedOn: string | null, today: string): VettingStatus {
  if (checkedOn === null) return 'saknas';
  const through = vettingValidThrough(checkedOn);
  if (today > through) return 'utgangen';
  if (today >= addDaysTo(through, -VETTING_REMINDER_DAYS)) return 'gar_ut';
  return 'giltig';
}

/** A mentor can be matched while the check is valid (including the last 30 days before it expires). */
export const matchable = (status: VettingStatus) => status === 'giltig' || status === 'gar_ut';

const noIdentityNumber = (value: string | null | undefined) => !value || !containsIdentityNumber(value);
const safe = { message: 'identity_number_in_mentor' };
const isoDate = z.iso.date();
const phoneSchema = line()
  .max(40)
  .refine((value) => /^\+?[0-9][0-9 ()-]{4,38}$/.test(value), { message: 'invalid_phone' });

export const mentorInputSchema = z
  .object({
    organisationId: z.uuid(),
    name: line().min(2).max(200).refine(noIdentityNumber, safe),
    phone: phoneSchema.nullable().default(null),
    email: line().max(254).pipe(z.email()).nullable().default(null),
    /** The mentor's user account (role `mentor` in that organisation), or null. */
    userId: token().min(1).max(100).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export type MentorInput = z.input<typeof mentorInputSchema>;

export const vettingInputSchema = z
  .object({
    checkedOn: isoDate,
    /** The form's own confirmation: the extract was seen and handed back, not kept. */
    extractNotKept: z.literal(true),
  })
  .strict();
export type VettingInput = z.input<typeof vettingInputSchema>;

export const trainingInputSchema = z
  .object({
    name: line().min(2).max(200).refine(noIdentityNumber, safe),
    completedOn: isoDate,
  })
  .strict();
export type TrainingInput = z.input<typeof trainingInputSchema>;

export const mentorIdParamsSchema = z.object({ mentorId: z.uuid() }).strict();
export const mentorListQuerySchema = z
  .object({
    status: z.enum(VETTING_STATUSES).optional(),
    organisation: z.uuid().optional(),
  })
  .strict();

export const vettingCheckSchema = z.object({ id: z.uuid(), checkedOn: isoDate, checkedByName: z.string(), recordedAt: z.string() });
export const trainingSchema = z.object({ id: z.uuid(), name: z.string(), completedOn: isoDate });

export const mentorSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  active: z.boolean(),
  vettingStatus: z.enum(VETTING_STATUSES),
  lastCheckedOn: isoDate.nullable(),
  validThrough: isoDate.nullable(),
  matchCount: z.number().int(),
  abilities: z.record(z.string(), z.boolean()),
});
export type Mentor = z.infer<typeof mentorSchema>;

export const mentorDetailSchema = mentorSchema.extend({
  checks: z.array(vettingCheckSchema),
  trainings: z.array(trainingSchema),
});
export type MentorDetail = z.infer<typeof mentorDetailSchema>;

const option = z.object({ id: z.string(), name: z.string() });
export const mentorListSchema = z.object({
  mentors: z.array(mentorSchema),
  abilities: z.record(z.string(), z.boolean()),
  /** Organisations the actor may register mentors for. */
  organisations: z.array(option),
  /** User accounts with the mentor role in those organisations, to link. */
  mentorUsers: z.array(option.extend({ organisationId: z.uuid() })),
});
export type MentorList = z.infer<typeof mentorListSchema>;

// ---- matching and the meeting log (on a mentorskap action of a plan) ----

export const actionParamsSchema = z.object({ caseId: z.uuid(), actionId: z.uuid() }).strict();
export const matchInputSchema = z.object({ mentorId: z.uuid() }).strict();

export const matchCandidateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organisationName: z.string(),
  vettingStatus: z.enum(VETTING_STATUSES),
  validThrough: isoDate.nullable(),
  /** Null when the mentor can be matched, else why not (a message code). */
  blockedBy: z.enum(['mentor_vetting_expired', 'mentor_vetting_missing', 'mentor_consent_missing']).nullable(),
});
export type MatchCandidate = z.infer<typeof matchCandidateSchema>;

export const actionMentorSchema = z.object({
  match: z.object({ mentorId: z.uuid(), mentorName: z.string(), organisationName: z.string(), matchedAt: z.string() }).nullable(),
  /** Offered only to the case director. */
  candidates: z.array(matchCandidateSchema),
  abilities: z.object({ match: z.boolean(), readLog: z.boolean(), writeLog: z.boolean() }),
});
export type ActionMentor = z.infer<typeof actionMentorSchema>;

export const mentorMeetingInputSchema = z
  .object({
    metOn: isoDate,
    minutes: z.number().int().min(1).max(1440),
    note: multiline().max(1000).refine(noIdentityNumber, safe).default(''),
  })
  .strict();
export type MentorMeetingInput = z.input<typeof mentorMeetingInputSchema>;

export const mentorMeetingSchema = z.object({ id: z.uuid(), metOn: isoDate, minutes: z.number().int(), note: z.string(), createdAt: z.string() });
export type MentorMeeting = z.infer<typeof mentorMeetingSchema>;
export const mentorMeetingListSchema = z.object({ meetings: z.array(mentorMeetingSchema) });

/** The signed-in mentor's own matches (for /mina-mentorstraffar). */
export const myMentorshipsSchema = z.object({
  mentor: z.object({ id: z.uuid(), name: z.string(), vettingStatus: z.enum(VETTING_STATUSES), validThrough: isoDate.nullable() }).nullable(),
  matches: z.array(
    z.object({
      caseId: z.uuid(),
      actionId: z.uuid(),
      personName: z.string(),
      startOn: isoDate,
      dueOn: isoDate,
      meetings: z.array(mentorMeetingSchema),
    }),
  ),
});
export type MyMentorships = z.infer<typeof myMentorshipsSchema>;
