import { z } from 'zod';
import type { OrganisationType } from '../../../shared/organisations';
import { informationCategorySchema, sharingQuestionSchema, type SharingGuideQuestion } from '../../../shared/sharing';

/** The organisation types that are public authorities as a rule; the user can change the box (a friskola is not). */
const AUTHORITY_TYPES: readonly OrganisationType[] = ['skola', 'socialtjanst', 'polis', 'halso_sjukvard'];
export const isAuthorityByDefault = (type: OrganisationType) => AUTHORITY_TYPES.includes(type);

const optionalDate = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), { message: 'invalid_date' })
  .transform((value) => (value === '' ? undefined : value));

/**
 * The guide's form: the shared question with the age typed as text, the "as of" date (empty = today),
 * and the consent as facts (issue 17 §1), flat so each is one field. `toGuideQuestion` builds the API body.
 */
export const sharingFormSchema = sharingQuestionSchema.omit({ on: true, consent: true }).extend({
  personAge: z.string().trim().min(1).regex(/^\d+$/).transform(Number).pipe(z.int().min(0).max(130)),
  /** The select's empty choice ("not aggregated statistics" / "don't know") is no underlying category. */
  aggregateOf: z.union([z.literal(''), informationCategorySchema]).transform((value) => (value === '' ? undefined : value)),
  on: optionalDate,
  consentExists: z.boolean(),
  guardianCount: z.enum(['0', '1', '2']),
  guardian1Consented: z.boolean(),
  guardian2Consented: z.boolean(),
  youngPersonConsented: z.boolean(),
  coversRecipient: z.boolean(),
  coversCategory: z.boolean(),
  coversPurpose: z.boolean(),
  withdrawn: z.boolean(),
  validTo: optionalDate,
});
export type SharingFormInput = z.input<typeof sharingFormSchema>;
export type SharingFormValues = z.output<typeof sharingFormSchema>;

export function toGuideQuestion(values: SharingFormValues): SharingGuideQuestion {
  const { consentExists, guardianCount, guardian1Consented, guardian2Consented, youngPersonConsented, coversRecipient, coversCategory, coversPurpose, withdrawn, validTo, ...question } = values;
  const guardians = [guardian1Consented, guardian2Consented].slice(0, Number(guardianCount)).map((consented) => ({ consented }));
  return {
    ...question,
    consentFacts: { exists: consentExists, guardians, youngPersonConsented, coversRecipient, coversCategory, coversPurpose, withdrawn, ...(validTo ? { validTo } : {}) },
  };
}

export const EMPTY_QUESTION: SharingFormInput = {
  from: { type: 'skola', isAuthority: true },
  to: { type: 'polis', isAuthority: true },
  personAge: '',
  category: 'skola',
  purpose: 'sspf_samverkan',
  crimeData: false,
  protectedIdentity: false,
  coordinatorDecision: false,
  aggregatePassesThreshold: false,
  aggregateOf: '',
  riskOfCrime: false,
  canPrevent: false,
  on: '',
  consentExists: false,
  guardianCount: '2',
  guardian1Consented: false,
  guardian2Consented: false,
  youngPersonConsented: false,
  coversRecipient: false,
  coversCategory: false,
  coversPurpose: false,
  withdrawn: false,
  validTo: '',
};

/** A consent given by everyone that covers the recipient, the information and the purpose. */
export const FULL_CONSENT = {
  consentExists: true,
  guardianCount: '2',
  guardian1Consented: true,
  guardian2Consented: true,
  youngPersonConsented: true,
  coversRecipient: true,
  coversCategory: true,
  coversPurpose: true,
} as const satisfies Partial<SharingFormInput>;
