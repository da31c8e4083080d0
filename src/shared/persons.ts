import { z } from 'zod';
import { parseIdentityNumber } from './personnummer';
import { abilitiesSchema } from './organisations';
import { line, multiline } from './text';

export const PROTECTED_IDENTITY_LEVELS = ['none', 'sekretessmarkering', 'skyddad_folkbokforing'] as const;
export const protectedIdentitySchema = z.enum(PROTECTED_IDENTITY_LEVELS);
export type ProtectedIdentity = z.infer<typeof protectedIdentitySchema>;

export const PROTECTED_IDENTITY_NAMES: Record<ProtectedIdentity, { sv: string; en: string }> = {
  none: { sv: 'Ingen', en: 'None' },
  sekretessmarkering: { sv: 'Sekretessmarkering', en: 'Confidentiality marking' },
  skyddad_folkbokforing: { sv: 'Skyddad folkbokföring', en: 'Protected population registration' },
};

export const identityNumberSchema = line()
  .min(10)
  .max(13)
  .refine((value) => parseIdentityNumber(value) !== null, { message: 'invalid_identity_number' });

const nameSchema = line().min(1).max(100);
const guardianIdsSchema = z.array(z.uuid()).max(4);

export const personInputSchema = z
  .object({
    identityNumber: identityNumberSchema,
    firstName: nameSchema,
    lastName: nameSchema,
    schoolId: z.uuid().nullable().optional(),
    protectedIdentity: protectedIdentitySchema.default('none'),
    guardianIds: guardianIdsSchema.default([]),
  })
  .strict();
export type PersonInput = z.infer<typeof personInputSchema>;

/**
 * PATCH body: only the fields sent are changed. Written out without defaults on purpose: a
 * `.partial()` of the input schema would fill in `protectedIdentity: 'none'` and `guardianIds: []`
 * and so silently lift protection and drop guardians on every update. `guardianIds` replaces the set.
 * The personnummer cannot be changed: a wrong one means a new person record.
 */
export const personUpdateSchema = z
  .object({
    firstName: nameSchema.optional(),
    lastName: nameSchema.optional(),
    schoolId: z.uuid().nullable().optional(),
    protectedIdentity: protectedIdentitySchema.optional(),
    guardianIds: guardianIdsSchema.optional(),
  })
  .strict();
export type PersonUpdate = z.infer<typeof personUpdateSchema>;

export const personIdParamsSchema = z.object({ id: z.uuid() }).strict();

/** The shortest and longest reason a coordinator gives for reading a person with skyddad folkbokföring. */
export const READ_REASON_MIN = 3;
export const READ_REASON_MAX = 200;

/**
 * `GET /api/persons/:id`. `reason` is required when the actor's abilities on the person say
 * `readWithoutReason: false` (a coordinator reading a person with skyddad folkbokföring): without it
 * the read answers 400 with the field message `reason_required`. It is stored in the read's audit
 * event, and ignored (not stored) when no reason is needed.
 */
export const personReadQuerySchema = z.object({ reason: line().min(READ_REASON_MIN).max(READ_REASON_MAX).optional() }).strict();

/** The least needed to recognise a person: shown in lists, to guardians' children and to the log reviewer. */
export const personSummarySchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  protectedIdentity: protectedIdentitySchema,
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

/** A row of a search or lookup result, with what the actor may do with it (e.g. `read`, `lookupForReview`). */
export const personListItemSchema = personSummarySchema.extend({ abilities: abilitiesSchema });
export type PersonListItem = z.infer<typeof personListItemSchema>;

export const personSchema = personSummarySchema.extend({
  /**
   * YYYYMMDD-XXXX. `null` when the actor may read the person but not their personnummer
   * (ability `readIdentityNumber`, e.g. school staff): the number is then never decrypted.
   */
  identityNumber: z.string().nullable(),
  /** Samordningsnummer rather than personnummer; `null` together with `identityNumber`. */
  isCoordinationNumber: z.boolean().nullable(),
  /** `null` also when the whereabouts are withheld (see `whereaboutsWithheld`). */
  schoolId: z.uuid().nullable(),
  schoolName: z.string().nullable(),
  /**
   * True when the person has skyddad folkbokföring and the actor is outside social services (ability
   * `readWhereabouts` false): where the person lives, stays or goes to school is then never sent.
   */
  whereaboutsWithheld: z.boolean(),
  /** Only the guardians the actor may read themself; others are left out, never hinted at. */
  guardians: z.array(personSummarySchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: abilitiesSchema,
});
export type Person = z.infer<typeof personSchema>;

export const personCreatedSchema = z.object({ id: z.uuid() });

/** POST, so the personnummer never appears in a URL, a proxy log or the browser history. */
export const personLookupSchema = z.object({ identityNumber: identityNumberSchema }).strict();

export const PERSON_SEARCH_LIMIT = 50;

export const personSearchQuerySchema = z
  .object({
    q: line()
      .min(2)
      .max(100)
      // Names have no digits; a personnummer belongs in POST /api/persons/lookup, never in a URL.
      .refine((value) => !/\d{4}/.test(value), { message: 'use_identity_lookup' }),
  })
  .strict();

export const personSearchResultSchema = z.object({
  persons: z.array(personListItemSchema),
  /** True when more than PERSON_SEARCH_LIMIT persons matched: the user should type more of the name. */
  truncated: z.boolean(),
});
export type PersonSearchResult = z.infer<typeof personSearchResultSchema>;

export const personNoteInputSchema = z.object({ body: multiline().min(1).max(10_000) }).strict();
export const personNoteSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  authorUserId: z.string(),
  /** `null` when the author's account no longer exists. */
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type PersonNote = z.infer<typeof personNoteSchema>;

export const personNotesSchema = z.object({
  notes: z.array(personNoteSchema),
  abilities: abilitiesSchema,
});
