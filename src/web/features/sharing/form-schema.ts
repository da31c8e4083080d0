import { z } from 'zod';
import type { OrganisationType } from '../../../shared/organisations';
import { informationCategorySchema, sharingQuestionSchema } from '../../../shared/sharing';

/** The organisation types that are public authorities as a rule; the user can change the box (a friskola is not). */
const AUTHORITY_TYPES: readonly OrganisationType[] = ['skola', 'socialtjanst', 'polis', 'halso_sjukvard'];
export const isAuthorityByDefault = (type: OrganisationType) => AUTHORITY_TYPES.includes(type);

/** The shared question, with the age typed as text in the form and the date left to the server (today). */
export const sharingFormSchema = sharingQuestionSchema.omit({ on: true }).extend({
  personAge: z.string().trim().min(1).regex(/^\d+$/).transform(Number).pipe(z.int().min(0).max(130)),
  /** The select's empty choice ("not aggregated statistics" / "don't know") is no underlying category. */
  aggregateOf: z.union([z.literal(''), informationCategorySchema]).transform((value) => (value === '' ? undefined : value)),
});
export type SharingFormInput = z.input<typeof sharingFormSchema>;
export type SharingFormValues = z.output<typeof sharingFormSchema>;

export const EMPTY_QUESTION: SharingFormInput = {
  from: { type: 'skola', isAuthority: true },
  to: { type: 'polis', isAuthority: true },
  personAge: '',
  category: 'skola',
  purpose: 'sspf_samverkan',
  consent: 'none',
  crimeData: false,
  protectedIdentity: false,
  coordinatorDecision: false,
  aggregatePassesThreshold: false,
  aggregateOf: '',
};
