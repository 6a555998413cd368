import { z } from 'zod';
import { actions } from '../domain/permissions';
import { roles } from '../domain/roles';
import { orgRefSchema } from './orgs';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
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

export const changePasswordBodySchema = z.object({
  oldPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10, '新密码至少 10 位').max(256),
});

export type LoginBody = z.infer<typeof loginBodySchema>;
export type Me = z.infer<typeof meSchema>;
export type Session = z.infer<typeof sessionSchema>;
