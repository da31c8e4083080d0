import { z } from 'zod';
import { emailSchema } from '../../../shared/users';
import { newPasswordSchema } from '../../../shared/auth';


export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1),
});
export type SignInValues = z.input<typeof signInSchema>;

/** Six digits from the authenticator app; spaces people type from the app's "123 456" are dropped. */
export const totpCodeSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(
      z
        .string()
        .min(1)
        .regex(/^\d{6}$/, { message: 'totp_format' }),
    ),
});

export const backupCodeSchema = z.object({ code: z.string().trim().min(1).max(64) });

const newPasswordFields = {
  newPassword: newPasswordSchema,
  confirmPassword: z.string().min(1),
};

const samePassword = (value: { newPassword: string; confirmPassword: string }) => value.newPassword === value.confirmPassword;

export const setPasswordSchema = z.object(newPasswordFields).refine(samePassword, { message: 'passwords_differ', path: ['confirmPassword'] });

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1), ...newPasswordFields })
  .refine(samePassword, { message: 'passwords_differ', path: ['confirmPassword'] });

export const confirmPasswordSchema = z.object({ password: z.string().min(1) });
