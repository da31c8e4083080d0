import { z } from 'zod';
import { consentCategorySchema } from './sharing';
import { line, multiline, token } from './text';

/**
 * Consent (samtycke) for one young person: who gave it, what it covers, how it was given, and its
 * withdrawal. Each guardian gives it separately, and the young person too from the tenant's age
 * (default 15); from 18 only the young person. A consent is in force when every required party has
 * given it, today is inside its validity, and it has not been withdrawn.
 */

type Names = { sv: string; en: string };

export const CONSENT_METHODS = ['paper', 'oral'] as const;
export const consentMethodSchema = z.enum(CONSENT_METHODS);
export type ConsentMethod = z.infer<typeof consentMethodSchema>;
export const CONSENT_METHOD_NAMES: Record<ConsentMethod, Names> = {
  paper: { sv: 'Underskriven blankett (inskannad)', en: 'Signed paper form (scanned)' },
  oral: { sv: 'Muntligt, med vittne', en: 'Orally, with a witness' },
};

export const CONSENT_PARTY_KINDS = ['guardian', 'young_person'] as const;
export const consentPartyKindSchema = z.enum(CONSENT_PARTY_KINDS);
export type ConsentPartyKind = z.infer<typeof consentPartyKindSchema>;

/** Default age from which the young person's own consent is required (a tenant setting). */
export const DEFAULT_YOUNG_PERSON_CONSENT_AGE = 15;
/** From this age only the young person consents. */
export const AGE_OF_MAJORITY = 18;
/** Consent expiry reminders go out this many days before `validTo`. */
export const CONSENT_EXPIRY_REMINDER_DAYS = 30;

/** Scans of signed forms: what we accept, and how large. */
export const CONSENT_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const CONSENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const isoDate = z.iso.date();

export const consentScopeSchema = z
  .object({
    organisationIds: z.array(z.uuid()).min(1).max(30),
    /** Optional: named people (user ids) within those organisations. Empty means the organisations as a whole. */
    userIds: z.array(token().min(1).max(100)).max(50).default([]),
    categories: z.array(consentCategorySchema).min(1),
    purpose: multiline().min(3).max(1000),
    /** Issue 15 §6: the guardians agreed to be contacted about support (a referral for a guardian needs it). */
    guardianSupportContact: z.boolean().default(false),
    validFrom: isoDate,
    /** Default one year after validFrom. */
    validTo: isoDate.optional(),
  })
  .strict();

export const consentInputSchema = consentScopeSchema.extend({ personId: z.uuid(), caseId: z.uuid().optional() }).strict();
export type ConsentInput = z.input<typeof consentInputSchema>;

/** One party's consent. A guardian is named by their person id; the young person by kind alone. */
export const consentPartyInputSchema = z
  .object({
    kind: consentPartyKindSchema,
    guardianId: z.uuid().optional(),
    method: consentMethodSchema,
    /** Required when the method is oral. */
    witnessName: line().min(2).max(200).optional(),
    givenOn: isoDate,
    /** For a paper form: the id of an uploaded scan. */
    documentId: z.uuid().optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.kind === 'guardian' && !value.guardianId) context.addIssue({ code: 'custom', path: ['guardianId'], message: 'required' });
    if (value.method === 'oral' && !value.witnessName) context.addIssue({ code: 'custom', path: ['witnessName'], message: 'required' });
    if (value.method === 'paper' && !value.documentId) context.addIssue({ code: 'custom', path: ['documentId'], message: 'required' });
  });
export type ConsentPartyInput = z.input<typeof consentPartyInputSchema>;

export const withdrawConsentInputSchema = z
  .object({
    /** Who withdrew it: a guardian's person id, or the young person. */
    byKind: consentPartyKindSchema,
    byGuardianId: z.uuid().optional(),
    note: multiline().max(2000).optional(),
  })
  .strict();

export const consentIdParamsSchema = z.object({ id: z.uuid() }).strict();

export const CONSENT_STATUSES = ['awaiting_parties', 'in_force', 'withdrawn', 'expired', 'not_yet_valid'] as const;
export const consentStatusSchema = z.enum(CONSENT_STATUSES);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;
export const CONSENT_STATUS_NAMES: Record<ConsentStatus, Names> = {
  awaiting_parties: { sv: 'Väntar på samtycke från alla parter', en: 'Awaiting consent from every party' },
  in_force: { sv: 'Gäller', en: 'In force' },
  withdrawn: { sv: 'Återkallat', en: 'Withdrawn' },
  expired: { sv: 'Har gått ut', en: 'Expired' },
  not_yet_valid: { sv: 'Gäller inte än', en: 'Not yet valid' },
};

export const consentPartySchema = z.object({
  id: z.uuid(),
  kind: consentPartyKindSchema,
  guardianId: z.uuid().nullable(),
  name: z.string(),
  method: consentMethodSchema,
  witnessName: z.string().nullable(),
  givenOn: isoDate,
  documentId: z.uuid().nullable(),
  recordedAt: z.iso.datetime({ offset: true }),
});

/** A party whose consent is still needed: each guardian, and the young person from the tenant's age. */
export const requiredPartySchema = z.object({ kind: consentPartyKindSchema, guardianId: z.uuid().nullable(), name: z.string(), given: z.boolean() });

/** A scan of a signed form. It belongs to the one consent it was uploaded to, and is read and named on a party through that consent only. */
export const consentDocumentSchema = z.object({
  id: z.uuid(),
  contentType: z.enum(CONSENT_DOCUMENT_TYPES),
  size: z.int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime({ offset: true }),
});
export type ConsentDocument = z.infer<typeof consentDocumentSchema>;

export const consentSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  caseId: z.uuid().nullable(),
  status: consentStatusSchema,
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  users: z.array(z.object({ id: z.string(), name: z.string() })),
  categories: z.array(consentCategorySchema),
  purpose: z.string(),
  guardianSupportContact: z.boolean(),
  validFrom: isoDate,
  validTo: isoDate,
  parties: z.array(consentPartySchema),
  requiredParties: z.array(requiredPartySchema),
  withdrawnAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** The scans uploaded to this consent, oldest first. */
  documents: z.array(consentDocumentSchema),
  abilities: z.record(z.string(), z.boolean()),
});
export type Consent = z.infer<typeof consentSchema>;

export const consentListSchema = z.object({ consents: z.array(consentSchema) });

/** `GET /api/consents?personId=`: one person's consents, newest first. */
export const consentListQuerySchema = z.object({ personId: z.uuid() }).strict();
export const consentDocumentParamsSchema = z.object({ id: z.uuid(), documentId: z.uuid() }).strict();

/** The tenant's consent setting (the administrator's). */
export const consentSettingsSchema = z.object({ youngPersonConsentAge: z.int().min(12).max(AGE_OF_MAJORITY) }).strict();
export type ConsentSettings = z.infer<typeof consentSettingsSchema>;
