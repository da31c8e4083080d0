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

/**
 * Invite someone into this tenant by e-mail address. The answer is the same whether or not an account
 * with that address exists anywhere: the link goes by e-mail to the address itself, never to the
 * administrator, and an account that another tenant also governs gets a pending membership that only
 * the person can accept (docs/SECURITY.md, "Accounts are global, memberships are per tenant").
 */
export const inviteInputSchema = membershipInputSchema
  .extend({
    email: emailSchema,
    /** What this tenant calls the invitee; an existing account keeps its own name for sign-in. */
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
  /** True while the invitation waits for the person's own answer: it grants nothing until accepted. */
  pending: z.boolean(),
  createdAt: z.string(),
  /** read, update, deactivate, reactivate, ... for this membership. */
  abilities: abilitiesSchema,
});
export type Membership = z.infer<typeof membershipSchema>;

export const adminUserSchema = z.object({
  id: z.string(),
  /** For a pending invitee: the name and address this tenant typed, nothing from the account itself. */
  name: z.string(),
  email: z.string(),
  /** True while every membership here is a pending invitation. */
  pending: z.boolean(),
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

/** A one-time set-password link: made only on the server and sent by e-mail to the account's own address. */
export interface InvitationLink {
  url: string;
  expiresAt: string;
}

/** What the administrator learns of a sent invitation: that it went by e-mail, and nothing about the account. */
export const invitationSentSchema = z.object({ delivery: z.literal('email') });
export type InvitationSent = z.infer<typeof invitationSentSchema>;

export const inviteResultSchema = z.object({
  user: adminUserSchema,
  membership: membershipSchema,
  invitation: invitationSentSchema,
});
export type InviteResult = z.infer<typeof inviteResultSchema>;

/**
 * Deactivating a user ends their memberships here. Whether the global account was also switched off
 * (only when this tenant alone governs it) is not said: it would tell whether they work elsewhere.
 */
export const deactivateUserResultSchema = z.object({
  user: adminUserSchema,
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
