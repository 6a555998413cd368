import { z } from 'zod';
import { passwordResetStatuses } from '../domain/accounts/password-reset';
import { roles } from '../domain/roles';
import { newPasswordSchema } from './auth';
import { pageQuerySchema } from './common';
import { orgRefSchema } from './orgs';

export const roleSchema = z.enum(roles);

export const userSummarySchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    /** Masked (138****5678) unless the reader may unmask. */
    phone: z.string().nullable(),
    roles: z.array(roleSchema),
    org: orgRefSchema.nullable(),
    disabled: z.boolean(),
    locked: z.boolean(),
    /** A TOTP authenticator is bound to the account. */
    twoFactorEnrolled: z.boolean(),
    /** The password was set by an administrator and awaits its owner's own. */
    mustChangePassword: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'UserSummary' });

export const userListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  orgId: z.uuid().optional(),
  role: roleSchema.optional(),
});

const phoneSchema = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码');
const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_.-]{3,32}$/, '用户名为 3–32 位小写字母、数字、下划线、点或短横线');
const passwordSchema = newPasswordSchema;

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(40),
  phone: phoneSchema.optional(),
  orgId: z.uuid(),
  roles: z.array(roleSchema).min(1, '至少选择一个角色'),
  password: passwordSchema,
});

export const updateUserBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(40).optional(),
    phone: phoneSchema.nullable().optional(),
    orgId: z.uuid().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '没有要修改的内容');

export const setRolesBodySchema = z.object({ roles: z.array(roleSchema).min(1, '至少选择一个角色') });
export const resetPasswordBodySchema = z.object({ password: passwordSchema });

const accountRefSchema = z.object({ id: z.uuid(), username: z.string(), displayName: z.string() });

/** A system administrator's reset of a leader's or business administrator's password, awaiting approval. */
export const passwordResetRequestSchema = z
  .object({
    id: z.uuid(),
    user: accountRefSchema,
    requestedBy: accountRefSchema,
    requestedAt: z.iso.datetime(),
    status: z.enum(passwordResetStatuses),
  })
  .meta({ id: 'PasswordResetRequest' });

export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;
export type UserSummary = z.infer<typeof userSummarySchema>;
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;
