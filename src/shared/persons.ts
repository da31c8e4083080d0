import { z } from 'zod';
import { parseIdentityNumber } from './personnummer';
import { abilitiesSchema } from './organisations';

export const PROTECTED_IDENTITY_LEVELS = ['none', 'sekretessmarkering', 'skyddad_folkbokforing'] as const;
export const protectedIdentitySchema = z.enum(PROTECTED_IDENTITY_LEVELS);
export type ProtectedIdentity = z.infer<typeof protectedIdentitySchema>;

export const identityNumberSchema = z
  .string()
  .trim()
  .min(10)
  .max(13)
  .refine((value) => parseIdentityNumber(value) !== null, { message: 'invalid_identity_number' });

export const personInputSchema = z
  .object({
    identityNumber: identityNumberSchema,
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    schoolId: z.uuid().nullable().optional(),
    protectedIdentity: protectedIdentitySchema.default('none'),
    guardianIds: z.array(z.uuid()).max(4).default([]),
  })
  .strict();
export type PersonInput = z.infer<typeof personInputSchema>;

export const personUpdateSchema = personInputSchema.omit({ identityNumber: true }).partial().strict();

export const personSummarySchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  protectedIdentity: protectedIdentitySchema,
});

export const personSchema = personSummarySchema.extend({
  identityNumber: z.string(),
  isCoordinationNumber: z.boolean(),
  schoolId: z.uuid().nullable(),
  guardians: z.array(personSummarySchema),
  abilities: abilitiesSchema,
});
export type Person = z.infer<typeof personSchema>;

export const personNoteInputSchema = z.object({ body: z.string().trim().min(1).max(10_000) }).strict();
export const personNoteSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  authorUserId: z.string(),
  createdAt: z.string(),
});
