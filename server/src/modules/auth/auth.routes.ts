import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changePasswordBodySchema,
  loginBodySchema,
  otpBodySchema,
  recoveryCodesSchema,
  sessionSchema,
  totpEnrolmentSchema,
} from '../../../../core/contracts/auth';
import type { SessionRestriction } from '../../../../core/domain/accounts/session-restriction';
import { errorBodySchema } from '../../../../core/errors';
import type { Deps } from '../../context';
import * as service from './auth.service';
import * as twoFactor from './two-factor.service';

/** A restricted session may still read who it is, change its password and log out. */
const always: SessionRestriction[] = ['password_change', 'totp_enrolment'];

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
        description:
          '绑定了身份验证器的账号须同时提交 otp（6 位动态验证码或恢复码）；缺少时答 401 OTP_REQUIRED。',
      },
    },
    async (req, reply) => {
      const { token, session } = await service.login(
        deps,
        req.ctx,
        req.body.username,
        req.body.password,
        req.body.otp,
      );
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
      config: { allowWhile: always },
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
      config: { allowWhile: always },
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
      config: { allowWhile: always },
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
  r.post(
    '/totp/enrol',
    {
      onRequest: app.requireUser,
      config: { allowWhile: ['totp_enrolment'] },
      schema: {
        tags: ['auth'],
        summary: '开始绑定身份验证器（返回二维码；已绑定时须先再次验证）',
        security: [{ session: [], csrf: [] }],
        response: { 200: totpEnrolmentSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return twoFactor.startEnrolment(deps, req.ctx);
    },
  );
  r.post(
    '/totp/confirm',
    {
      onRequest: app.requireUser,
      config: { allowWhile: ['totp_enrolment'] },
      schema: {
        tags: ['auth'],
        summary: '输入第一个动态验证码完成绑定（恢复码只显示这一次）',
        security: [{ session: [], csrf: [] }],
        body: otpBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return twoFactor.confirmEnrolment(deps, req.ctx, req.body.code);
    },
  );
  r.post(
    '/step-up',
    {
      onRequest: app.requireUser,
      // Same per-IP ceiling as login: a code is six digits.
      config: { rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '再次验证身份（签发密钥、查看完整信息、导出之前）',
        security: [{ session: [], csrf: [] }],
        body: otpBodySchema,
      },
    },
    async (req, reply) => {
      await twoFactor.stepUp(deps, req.ctx, req.body.code);
      return reply.code(204).send();
    },
  );
  r.get(
    '/step-up',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['auth'],
        summary: '是否须再次验证身份（204：不须要或仍在有效期内；403 STEP_UP_REQUIRED：须先验证）',
        security: [{ session: [] }],
      },
    },
    async (req, reply) => {
      // Asked before a download link is followed: a link cannot show the code prompt itself.
      await twoFactor.requireStepUp(deps, req.ctx);
      return reply.code(204).send();
    },
  );
}
