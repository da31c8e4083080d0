import Organisationsnummer from 'organisationsnummer';
import { z } from 'zod';
import { abilitiesSchema, organisationTypeSchema } from './organisations';
import { line } from './text';

/**
 * The partner directory (katalog, issue 15 §1): the tenant's organisations with their key persons
 * (nyckelpersoner). Key persons have no user account; the directory holds only their work contact
 * data, and each carries the legal basis for processing it.
 */

export const KEY_PERSON_ROLES = [
  'anmalningsansvarig',
  'rektor',
  'elevhalsa',
  'kommunpolis',
  'trygghetsvard',
  'foretagare',
  'fritidsledare',
  'socialsekreterare',
  'bvc_mvc',
  'annan',
] as const;
export const keyPersonRoleSchema = z.enum(KEY_PERSON_ROLES);
export type KeyPersonRole = z.infer<typeof keyPersonRoleSchema>;

/** Only these organisation types carry an organisationsnummer in the directory. */
export const ORGANISATION_NUMBER_TYPES = ['naringsliv', 'forening'] as const;

/** The suggested note for work contact data, prefilled in the form. */
export const DEFAULT_LEGAL_BASIS = 'Allmänt intresse / berättigat intresse (art. 6.1 e/f GDPR): arbetskontaktuppgifter för samverkan.';

/** True for a valid Swedish organisationsnummer (checksum included), with or without the dash. */
export function isValidOrganisationNumber(value: string): boolean {
  try {
    return Organisationsnummer.valid(value);
  } catch {
    return false;
  }
}

/** The number as NNNNNN-NNNN. Call only with a valid number. */
export function formatOrganisationNumber(value: string): string {
  return Organisationsnummer.parse(value).format(true);
}

const phoneSchema = line()
  .max(40)
  .refine((value) => /^\+?[0-9][0-9 ()-]{4,38}$/.test(value), { message: 'invalid_phone' });

export const keyPersonInputSchema = z
  .object({
    organisationId: z.uuid(),
    name: line().min(2).max(200),
    role: keyPersonRoleSchema,
    /** Required when `role` is `annan`, and only then. */
    roleOther: line().min(2).max(120).nullable().default(null),
    phone: phoneSchema.nullable().default(null),
    email: line().max(254).pipe(z.email()).nullable().default(null),
    /** Other forums they sit in, by name (those outside Samverka; its own forums list their key persons as members). */
    forums: z.array(line().min(2).max(120)).max(20).default([]),
    legalBasis: line().min(5).max(500),
  })
  .strict()
  .refine((value) => value.phone !== null || value.email !== null, { message: 'phone_or_email_required', path: ['phone'] })
  .refine((value) => value.role !== 'annan' || value.roleOther !== null, { message: 'role_other_required', path: ['roleOther'] });
export type KeyPersonInput = z.infer<typeof keyPersonInputSchema>;

export const keyPersonSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  name: z.string(),
  role: keyPersonRoleSchema,
  roleOther: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  forums: z.array(z.string()),
  /** The Samverka forums the person is a member of (issue 15 §2): names only, as the forum list shows every member. */
  memberOf: z.array(z.object({ id: z.uuid(), name: z.string() })),
  legalBasis: z.string(),
  updatedAt: z.string(),
  abilities: abilitiesSchema,
});
export type KeyPerson = z.infer<typeof keyPersonSchema>;

export const directoryOrganisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: organisationTypeSchema,
  active: z.boolean(),
  organisationNumber: z.string().nullable(),
  /** Whether this type carries an organisationsnummer (businesses and associations). */
  takesOrganisationNumber: z.boolean(),
  keyPersons: z.array(keyPersonSchema),
  abilities: abilitiesSchema,
});
export type DirectoryOrganisation = z.infer<typeof directoryOrganisationSchema>;

/** `?q=&organisationId=&role=`: all optional. `q` matches a person's name, role text, e-mail or forum, or the organisation's name or number. */
export const directoryQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    organisationId: z.uuid().optional(),
    role: keyPersonRoleSchema.optional(),
  })
  .strict();
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

export const directorySchema = z.object({
  organisations: z.array(directoryOrganisationSchema),
  /** Every organisation of the tenant, for the filter and the form, whatever the search. */
  allOrganisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  abilities: abilitiesSchema,
});
export type Directory = z.infer<typeof directorySchema>;

export const keyPersonIdParamsSchema = z.object({ keyPersonId: z.uuid() }).strict();
export const directoryOrganisationParamsSchema = z.object({ organisationId: z.uuid() }).strict();

export const organisationNumberInputSchema = z
  .object({
    organisationNumber: line()
      .max(20)
      .refine((value) => isValidOrganisationNumber(value), { message: 'invalid_organisation_number' })
      .nullable(),
  })
  .strict();
export type OrganisationNumberInput = z.infer<typeof organisationNumberInputSchema>;
