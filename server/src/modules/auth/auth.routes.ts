import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changePasswordBodySchema, loginBodySchema, sessionSchema } from '../../../../core/contracts/auth';
import { errorBodySchema } from '../../../../core/errors';
import type { Deps } from '../../context';
import * as service from './auth.service';

export async function authRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookie = deps.config.session;

  r.post(
    '/login',
    {
      // Per-IP ceiling in front of the per-account lockout (docs/SECURITY.md G7).
      config: { rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: loginBodySchema,
        response: { 200: sessionSchema, 401: errorBodySchema, 423: errorBodySchema },
      },
    },
    async (req, reply) => {
      const { token, session } = await service.login(deps, req.ctx, req.body.username, req.body.password);
      reply.setCookie(cookie.cookieName, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.cookieSecure,
        path: '/',
        maxAge: cookie.absoluteHours * 3600,
      });
      return session;
    },
  );

  r.post(
    '/logout',
    {
      onRequest: app.requireUser,
      schema: { tags: ['auth'], summary: '退出登录', security: [{ session: [], csrf: [] }] },
    },
    async (req, reply) => {
      await service.logout(deps, req.ctx);
      reply.clearCookie(cookie.cookieName, { path: '/' });
      return reply.code(204).send();
    },
  );

  r.get(
    '/me',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['auth'],
        summary: '当前登录用户',
        security: [{ session: [] }],
        response: { 200: sessionSchema },
      },
    },
    async (req) => service.currentSession(deps, req.ctx, req.csrfToken ?? ''),
  );

  r.post(
    '/password',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        security: [{ session: [], csrf: [] }],
        body: changePasswordBodySchema,
      },
    },
    async (req, reply) => {
      await service.changePassword(deps, req.ctx, req.body.oldPassword, req.body.newPassword);
      reply.clearCookie(cookie.cookieName, { path: '/' });
      return reply.code(204).send();
    },
  );
}
