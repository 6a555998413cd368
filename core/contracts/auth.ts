import { z } from 'zod';
import { passwordProblem } from '../domain/accounts/password-policy';
import { actions } from '../domain/permissions';
import { roles } from '../domain/roles';
import { orgRefSchema } from './orgs';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
  /** The authenticator's 6-digit code, or a recovery code, for an account with a second factor. */
  otp: z.string().trim().max(32).optional(),
});

export const meSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(roles)),
    permissions: z.array(z.enum(actions)),
    countyCode: z.string(),
    org: orgRefSchema.nullable(),
    mustChangePassword: z.boolean(),
    /** TOTP: enrolled on this account; required of it by the install's policy (docs/SECURITY.md G9). */
    twoFactor: z.object({ enrolled: z.boolean(), required: z.boolean() }),
    /** What the session must do first; until then it may only do that, read /me and log out. */
    restriction: z.enum(['password_change', 'totp_enrolment']).nullable(),
  })
  .meta({ id: 'Me' });

export const sessionSchema = z
  .object({
    user: meSchema,
    /** Sent back in the X-CSRF-Token header on every state-changing request. */
    csrfToken: z.string(),
    idleTimeoutSeconds: z.number().int(),
  })
  .meta({ id: 'Session' });

/** Every new password, wherever it is set, meets the one policy (core/domain/accounts/password-policy). */
export const newPasswordSchema = z
  .string()
  .max(256)
  .superRefine((pw, c) => {
    const problem = passwordProblem(pw);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  });

export const changePasswordBodySchema = z.object({
  oldPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});

export const otpBodySchema = z.object({ code: z.string().trim().min(6, '请输入 6 位动态验证码').max(32) });

export const totpEnrolmentSchema = z
  .object({
    /** Base32 secret, for typing into an authenticator that cannot scan. */
    secret: z.string(),
    otpauthUri: z.string(),
    /** The same URI as an SVG QR code. */
    qrSvg: z.string(),
  })
  .meta({ id: 'TotpEnrolment' });

export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodes' });

export type LoginBody = z.infer<typeof loginBodySchema>;
export type Me = z.infer<typeof meSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
