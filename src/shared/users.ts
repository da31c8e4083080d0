import { z } from 'zod';
import { ROLE_KEYS, roleSchema } from './roles';
import { abilitiesSchema, organisationTypeSchema } from './organisations';
import { localeSchema } from './session';
import { line, token } from './text';

/**
 * The contract of the administration pages: a tenant's users, their memberships
 * (user × organisation × role) in that tenant, invitations, and the role list.
 */

/** How long an invitation link lets the invitee set their password. */
export const INVITATION_LIFETIME_SECONDS = 7 * 24 * 60 * 60;
/** The web client's page that sets a password from an invitation link (`?token=...`). */
export const SET_PASSWORD_PATH = '/satt-losenord';

/** better-auth's user ids: random, URL-safe, never a uuid. */
export const userIdSchema = token().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const userIdParamsSchema = z.object({ userId: userIdSchema }).strict();
export const membershipIdParamsSchema = z.object({ membershipId: z.uuid() }).strict();

/** Compared and stored in lower case, as better-auth's sign-in does. */
export const emailSchema = line().toLowerCase().max(254).pipe(z.email());

export const membershipInputSchema = z
  .object({
    organisationId: z.uuid(),
    role: roleSchema,
  })
  .strict();
export type MembershipInput = z.infer<typeof membershipInputSchema>;

export const membershipUpdateSchema = membershipInputSchema
  .partial()
  .strict()
  .refine((value) => value.organisationId !== undefined || value.role !== undefined, { message: 'nothing_to_change' });
export type MembershipUpdate = z.infer<typeof membershipUpdateSchema>;

/** Invite someone: a new account, or an existing one (same e-mail, e.g. from another tenant), plus a membership here. */
export const inviteInputSchema = membershipInputSchema
  .extend({
    email: emailSchema,
    /** Used only when the account is new; an existing account keeps its name. */
    name: line().min(1).max(200),
    locale: localeSchema.optional(),
  })
  .strict();
export type InviteInput = z.infer<typeof inviteInputSchema>;

export const membershipSchema = z.object({
  id: z.uuid(),
  userId: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationType: organisationTypeSchema,
  organisationActive: z.boolean(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
  /** read, update, deactivate, reactivate, ... for this membership. */
  abilities: abilitiesSchema,
});
export type Membership = z.infer<typeof membershipSchema>;

export const adminUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  /** False when the whole account is deactivated: no sign-in anywhere. */
  active: z.boolean(),
  /** False until the invitee has used their link: the administrator may issue a new one. */
  passwordSet: z.boolean(),
  twoFactorEnabled: z.boolean(),
  /** Only the memberships in the administrator's own tenant, never those in other tenants. */
  memberships: z.array(membershipSchema),
  /** addMembership, deactivateUser, resendInvitation, ... for this user. */
  abilities: abilitiesSchema,
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserListSchema = z.object({
  users: z.array(adminUserSchema),
  /** `invite` and `list` on the collection. */
  abilities: abilitiesSchema,
});
export type AdminUserList = z.infer<typeof adminUserListSchema>;

/** A one-time link the administrator hands the invitee. Shown once; not stored anywhere readable. */
export const invitationLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
});
export type InvitationLink = z.infer<typeof invitationLinkSchema>;

export const inviteResultSchema = z.object({
  user: adminUserSchema,
  membership: membershipSchema,
  /** False when an account with this e-mail already existed and was reused. */
  userCreated: z.boolean(),
  /** Present when the account has no password yet; null when the user already signs in. */
  invitation: invitationLinkSchema.nullable(),
});
export type InviteResult = z.infer<typeof inviteResultSchema>;

export const deactivateUserResultSchema = z.object({
  user: adminUserSchema,
  /**
   * True when the whole account was deactivated and its sessions revoked; false when the user still
   * works in another tenant, so only their memberships here were deactivated.
   */
  accountDeactivated: z.boolean(),
});
export type DeactivateUserResult = z.infer<typeof deactivateUserResultSchema>;

export const roleInfoSchema = z.object({
  key: z.enum(ROLE_KEYS),
  sv: z.string(),
  en: z.string(),
  seesSv: z.string(),
  seesEn: z.string(),
  readsPersonalData: z.boolean(),
  requiresTwoFactor: z.boolean(),
});
export const roleListSchema = z.object({ roles: z.array(roleInfoSchema) });
export type RoleInfo = z.infer<typeof roleInfoSchema>;
