import { z } from 'zod';
import { abilitiesSchema } from './organisations';
import { concernContactSchema } from './concerns-admin';
import { CONCERN_PATHS } from './concerns';
import { line } from './text';

/**
 * The association guide (`/oro/forening`): how a club or association turns with a concern about a
 * child, and to whom. The plain-language text lives in the web's locale files; the API gives facts.
 */

/** The public form for one tenant. The web's `/oro` page reads the tenant from `?tenant=`. */
export function concernFormPath(slug: string): string {
  return `${CONCERN_PATHS.publicForm}?tenant=${encodeURIComponent(slug)}`;
}
export function associationGuidePath(slug: string): string {
  return `/oro/forening?tenant=${encodeURIComponent(slug)}`;
}

/** The numbers every public page shows (DOMAIN.md): immediate danger, police tips, young people themselves. */
export const EMERGENCY_NUMBERS = { emergency: '112', policeTips: '114 14', bris: '116 111' } as const;

export const associationGuideSchema = z.object({
  tenant: z.object({ slug: z.string(), name: z.string() }),
  /** Absolute URLs (the deployment's public address). */
  formUrl: z.string(),
  statusUrl: z.string(),
  qrCodeUrl: z.string(),
  posterUrl: z.string(),
  /** Whether the tenant currently takes concerns about a person (a receiving organisation exists). */
  acceptsConcerns: z.boolean(),
  /** The tenant's concern contact, set by the administrator (PUT /api/concern-settings). */
  contact: concernContactSchema.nullable(),
  socialServicesPhone: z.string().nullable(),
  emergencyNumbers: z.object({ emergency: z.string(), policeTips: z.string(), bris: z.string() }),
  /** Skyddsbedömning the same day; beslut om utredning within this many days. */
  deadlines: z.object({ protectionAssessment: z.literal('same_day'), decisionWithinDays: z.number().int() }),
  /**
   * The tenant's active associations and, where one is recorded, the name of its
   * anmälningsansvarig. Only the name is public: phone and e-mail stay with the association and the
   * administrators (GET /api/associations/:organisationId/reporting-contact).
   */
  associations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      reportingContactName: z.string().nullable(),
    }),
  ),
});
export type AssociationGuide = z.infer<typeof associationGuideSchema>;

/** `?association=<id>`: a poster for one association, naming its anmälningsansvarig. */
export const posterQuerySchema = z.object({ association: z.uuid().optional() }).strict();

const phoneSchema = line()
  .max(40)
  .refine((value) => /^\+?[0-9][0-9 ()-]{4,38}$/.test(value), { message: 'invalid_phone' });

/** An association's anmälningsansvarig: an adult staff member or volunteer, reachable by phone or e-mail. */
export const reportingContactInputSchema = z
  .object({
    name: line().min(2).max(200),
    phone: phoneSchema.nullable().default(null),
    email: line().max(254).pipe(z.email()).nullable().default(null),
  })
  .strict()
  .refine((value) => value.phone !== null || value.email !== null, { message: 'phone_or_email_required', path: ['phone'] });
export type ReportingContactInput = z.infer<typeof reportingContactInputSchema>;

export const reportingContactSchema = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  contact: z
    .object({
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  abilities: abilitiesSchema,
});
export type ReportingContact = z.infer<typeof reportingContactSchema>;

export const associationIdParamsSchema = z.object({ organisationId: z.uuid() }).strict();
