import { z } from 'zod';
import { concernKindSchema } from './concerns';
import { abilitiesSchema } from './organisations';
import { line } from './text';

/**
 * Administration of the concern channel: where each kind of report goes (routing rules), and the
 * public facts of the tenant (social services' number, the contact for associations).
 */

export const concernContactSchema = z
  .object({
    /** A unit or a named person, e.g. "Socialtjänstens mottagning". */
    name: line().min(1).max(200),
    phone: line().max(40).nullable().default(null),
    email: line().max(254).pipe(z.email()).nullable().default(null),
    /** Opening hours or similar, plain text. */
    hours: line().max(200).nullable().default(null),
  })
  .strict();
export type ConcernContact = z.infer<typeof concernContactSchema>;

/** Stored in the tenant's settings under `concerns`; read publicly by GET /api/public/tenants/:slug. */
export const concernSettingsSchema = z
  .object({
    socialServicesPhone: line()
      .refine((value) => /^\+?[0-9][0-9 ()-]{2,38}$/.test(value), { message: 'invalid_phone' })
      .nullable(),
    contact: concernContactSchema.nullable(),
  })
  .strict();
export type ConcernSettings = z.infer<typeof concernSettingsSchema>;

export const concernSettingsResponseSchema = concernSettingsSchema.extend({ abilities: abilitiesSchema });

export const routingKindParamsSchema = z.object({ kind: concernKindSchema }).strict();

/**
 * PUT /api/concern-routing/:kind. A person concern may only go to a social services organisation;
 * a place report to any active organisation (the EST group's).
 */
export const routingRuleInputSchema = z
  .object({
    organisationId: z.uuid(),
    /**
     * Person concerns only: tell the tenant's coordinators that a concern has reached the intake
     * unit (a notification without any detail, linking to the start page). Off by default.
     */
    notifyCoordinator: z.boolean().default(false),
  })
  .strict();
export type RoutingRuleInput = z.infer<typeof routingRuleInputSchema>;

export const routingRuleSchema = z.object({
  kind: concernKindSchema,
  /** Where new reports of this kind go now: the rule's organisation, or the fallback. `null`: nowhere (the form is closed). */
  organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** False when no rule is set and the fallback decides (first social services organisation; for place reports the EST reporters' organisation). */
  configured: z.boolean(),
  notifyCoordinator: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const routingRulesSchema = z.object({
  rules: z.array(routingRuleSchema),
  abilities: abilitiesSchema,
});
export type RoutingRules = z.infer<typeof routingRulesSchema>;
