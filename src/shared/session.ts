import { z } from 'zod';
import { roleSchema } from './roles';
import { organisationTypeSchema } from './organisations';

export const LOCALES = ['sv', 'en'] as const;
export const localeSchema = z.enum(LOCALES);

export const membershipChoiceSchema = z.object({
  membershipId: z.uuid(),
  tenantId: z.uuid(),
  tenantName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  role: roleSchema,
});
export type MembershipChoice = z.infer<typeof membershipChoiceSchema>;

/** A membership another tenant offered this user, waiting for their own answer: it grants nothing yet. */
export const invitationChoiceSchema = membershipChoiceSchema.extend({ invitedAt: z.string() });
export type InvitationChoice = z.infer<typeof invitationChoiceSchema>;

export const sessionInfoSchema = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    locale: localeSchema,
    twoFactorEnabled: z.boolean(),
  }),
  memberships: z.array(membershipChoiceSchema),
  /** Pending invitations to answer (accept or decline) before they can be chosen. */
  invitations: z.array(invitationChoiceSchema),
  active: membershipChoiceSchema
    .extend({ organisationType: organisationTypeSchema, organisationIsAuthority: z.boolean() })
    .nullable(),
  /** True when the active role needs a second factor that this session does not yet have. */
  twoFactorRequired: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const chooseMembershipSchema = z.object({ membershipId: z.uuid() }).strict();
export const invitationParamsSchema = z.object({ membershipId: z.uuid() }).strict();
export const chooseLocaleSchema = z.object({ locale: localeSchema }).strict();
