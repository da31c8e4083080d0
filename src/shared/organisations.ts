import { z } from 'zod';
import { line } from './text';

export const ORGANISATION_TYPES = [
  'skola',
  'socialtjanst',
  'polis',
  'fritid',
  'forening',
  'naringsliv',
  'halso_sjukvard',
  'bostadsbolag',
  'annan',
] as const;

export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof organisationTypeSchema>;

export const ORGANISATION_TYPE_NAMES: Record<OrganisationType, { sv: string; en: string }> = {
  skola: { sv: 'Skola', en: 'School' },
  socialtjanst: { sv: 'Socialtjänst', en: 'Social services' },
  polis: { sv: 'Polis', en: 'Police' },
  fritid: { sv: 'Fritid', en: 'Leisure and youth centres' },
  forening: { sv: 'Förening/civilsamhälle', en: 'Association/civil society' },
  naringsliv: { sv: 'Näringsliv', en: 'Business' },
  halso_sjukvard: { sv: 'Hälso- och sjukvård (MVC/BVC)', en: 'Health care (maternity and child health)' },
  bostadsbolag: { sv: 'Bostadsbolag', en: 'Housing company' },
  annan: { sv: 'Annan', en: 'Other' },
};

export const organisationInputSchema = z
  .object({
    name: line().min(2).max(200),
    type: organisationTypeSchema,
    /** Public authority (myndighet). GDPR art. 10: only authorities may process data about crime. */
    isAuthority: z.boolean(),
  })
  .strict();
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const organisationUpdateSchema = organisationInputSchema.partial().extend({ active: z.boolean().optional() }).strict();

export const abilitiesSchema = z.record(z.string(), z.boolean());

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: organisationTypeSchema,
  isAuthority: z.boolean(),
  active: z.boolean(),
  abilities: abilitiesSchema,
});
export type Organisation = z.infer<typeof organisationSchema>;

/** `?type=skola&active=true`: both optional; without `active` the list holds active and inactive ones. */
export const organisationListQuerySchema = z
  .object({
    type: organisationTypeSchema.optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;

export const organisationIdParamsSchema = z.object({ organisationId: z.uuid() }).strict();

/** The directory, sorted by name, and what the actor may do with the collection (`create`). */
export const organisationListSchema = z.object({
  organisations: z.array(organisationSchema),
  abilities: abilitiesSchema,
});
export type OrganisationList = z.infer<typeof organisationListSchema>;
