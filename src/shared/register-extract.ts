import { z } from 'zod';
import { protectedIdentitySchema } from './persons';

/**
 * A register extract (registerutdrag, art. 15 GDPR): everything Samverka holds about one person,
 * decrypted, and who has read or changed it. Produced by the log reviewer (not the administrator,
 * who sees no information about children) for the person's request; what is handed out still goes through a secrecy review (OSL) first.
 */
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

const personRef = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: isoDate });

/** A decrypted free text, or null when it could not be read (wrong key or binding): shown as such, never skipped silently. */
const decrypted = z.string().nullable();

export const extractConcernSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.string(),
  receivedAt: isoDateTime,
  receivingOrganisation: z.string().nullable(),
  categories: z.array(z.string()),
  occurredOn: isoDate.nullable(),
  /** What the report said about the young person. The reporter's identity is left out: it is subject to secrecy review. */
  subject: z.record(z.string(), z.unknown()).nullable(),
  description: decrypted,
  place: decrypted,
  assessmentResult: z.string().nullable(),
  decision: z.string().nullable(),
  closeReason: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  timeline: z.array(z.object({ type: z.string(), at: isoDateTime, actorName: z.string().nullable(), note: z.string().nullable() })),
});

/** A scanned signed form of one consent: what it is and when it came, never its bytes. */
export const extractConsentDocumentSchema = z.object({ id: z.uuid(), contentType: z.string(), size: z.int(), uploadedAt: isoDateTime });

export const extractConsentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid().nullable(),
  categories: z.array(z.string()),
  organisations: z.array(z.string()),
  purpose: decrypted,
  validFrom: isoDate,
  validTo: isoDate,
  withdrawnAt: isoDateTime.nullable(),
  parties: z.array(z.object({ kind: z.string(), guardianName: z.string().nullable(), method: z.string(), givenOn: isoDate })),
  /** The scans of this consent's signed forms. */
  documents: z.array(extractConsentDocumentSchema),
});

export const extractCaseSchema = z.object({
  id: z.uuid(),
  status: z.string(),
  openedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  closeReason: z.string().nullable(),
  outcome: z.string().nullable(),
  closeNote: decrypted,
  director: z.string().nullable(),
  ownerOrganisation: z.string().nullable(),
  team: z.array(z.object({ name: z.string().nullable(), organisation: z.string().nullable(), caseRole: z.string(), addedAt: isoDateTime, removedAt: isoDateTime.nullable() })),
  /** Whether each guardian takes part in the work, with the note about it. */
  guardians: z.array(z.object({ name: z.string().nullable(), participates: z.boolean(), note: decrypted })),
  factors: z.array(z.object({ domain: z.string(), kind: z.string(), level: z.string(), category: z.string(), note: decrypted, organisation: z.string().nullable() })),
  goals: z.array(z.object({ text: decrypted, createdAt: isoDateTime })),
  actions: z.array(
    z.object({ type: z.string(), what: decrypted, organisation: z.string().nullable(), startOn: isoDate, dueOn: isoDate, status: z.string() }),
  ),
  meetings: z.array(z.object({ kind: z.string(), heldOn: isoDate, held: z.boolean(), participants: z.unknown().nullable(), decisions: decrypted })),
});

export const extractAccessEventSchema = z.object({
  at: isoDateTime,
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  organisation: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  legalBasis: z.string().nullable(),
});

export const registerExtractSchema = z.object({
  producedAt: isoDateTime,
  tenantName: z.string(),
  person: z.object({
    id: z.uuid(),
    identityNumber: decrypted,
    firstName: z.string(),
    lastName: z.string(),
    birthDate: isoDate,
    /** `null` also when `whereaboutsWithheld`. */
    school: z.string().nullable(),
    protectedIdentity: protectedIdentitySchema,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
  guardians: z.array(personRef),
  /** Children this person is registered as guardian of. */
  guardianOf: z.array(personRef),
  notes: z.array(z.object({ body: decrypted, authorName: z.string().nullable(), createdAt: isoDateTime })),
  /**
   * True for a person with skyddad folkbokföring: the extract leaves social services, so the school and
   * the reports' school, "where seen" and place are left out (social services answer for them).
   */
  whereaboutsWithheld: z.boolean(),
  concerns: z.array(extractConcernSchema),
  consents: z.array(extractConsentSchema),
  cases: z.array(extractCaseSchema),
  accessLog: z.array(extractAccessEventSchema),
  /** How many encrypted texts could not be read: a non-zero count needs looking into before the extract is handed out. */
  unreadableTexts: z.int(),
});
export type RegisterExtract = z.infer<typeof registerExtractSchema>;
export type ExtractCase = z.infer<typeof extractCaseSchema>;
export type ExtractConcern = z.infer<typeof extractConcernSchema>;
export type ExtractConsent = z.infer<typeof extractConsentSchema>;
