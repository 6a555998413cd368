/**
 * Request context and authentication: every request gets `req.ctx` (request id, client address,
 * acting user or null). A session cookie is resolved on each request; state-changing requests
 * made with a session must carry its CSRF token (docs/SECURITY.md G27), and cross-origin ones are refused.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionRestriction } from '../../../core/domain/accounts/session-restriction';
import { AppError } from '../../../core/errors';
import type { Deps, RequestCtx } from '../context';
import { newStampScope } from '../db/stamped-cache';
import { resolveSession } from '../modules/auth/auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestCtx;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Open311 routes: the client proves itself with api_key; no session, no CSRF token. */
    apiKeyAuth?: boolean;
    /**
     * The only routes a restricted session reaches (it must change its password or enrol a second
     * factor first, docs/SECURITY.md G9); everywhere else it counts as no session at all.
     */
    allowWhile?: readonly SessionRestriction[];
    /**
     * Routes that always act for an anonymous resident (the plain resident form, which a page without
     * script posts with no CSRF token): the session cookie a browser sends along is not read.
     */
    ignoreSession?: boolean;
  }
  interface FastifyInstance {
    requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * True when no Origin was sent (a same-origin form post in older browsers, curl, the phone app's
 * fetch) or it names this host. `Origin: null` (a sandboxed frame, a file:// page, a redirect across
 * origins) and an origin that is no URL at all are foreign: they answer 403 like any other, never 500.
 */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { deps: Deps }) => {
  const { deps } = opts;
  app.decorateRequest('ctx', null as unknown as RequestCtx);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req) => {
    req.ctx = { requestId: req.id, ip: req.ip ?? null, actor: null, stamps: newStampScope() };
    // Open311 (server-to-server or cross-origin apps) authenticates by api_key, so a session cookie
    // sent along is not even read: with no session there is nothing for a forged request to ride on,
    // and the CSRF rule for /api stays as strict as before. Matched by route config, not by URL text.
    if (req.routeOptions.config?.apiKeyAuth === true) return;
    // Browsers send Origin on cross-origin writes; a foreign origin never gets through.
    if (unsafe.has(req.method) && !sameOrigin(req.headers.origin, req.headers.host)) {
      throw new AppError('CSRF_FAILED');
    }
    // Not read at all, rather than checked for its CSRF token: such a route has no use for an identity,
    // so a forged cross-site post (one without Origin) has no staff member to act as, and a staff
    // member's own browser files the form as the resident it is written for instead of being refused.
    if (req.routeOptions.config?.ignoreSession === true) return;
    const token = req.cookies[deps.config.session.cookieName];
    if (!token) return;
    let resolvedRestriction: SessionRestriction | null = null;
    try {
      const resolved = await resolveSession(deps, token, req.ctx.stamps);
      req.ctx.actor = resolved.actor;
      req.csrfToken = resolved.csrfToken;
      resolvedRestriction = resolved.restriction;
    } catch (err) {
      // An expired session (or a disabled account's) is reported only where a login is needed
      // (requireUser); public routes and the login form still work.
      if (
        err instanceof AppError &&
        (err.code === 'SESSION_EXPIRED' || err.code === 'UNAUTHENTICATED' || err.code === 'ACCOUNT_DISABLED')
      ) {
        req.ctx.actor = null;
        (req as FastifyRequest & { sessionProblem?: AppError }).sessionProblem = err;
        return;
      }
      throw err;
    }
    if (unsafe.has(req.method) && req.url !== '/api/auth/login') {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== req.csrfToken) throw new AppError('CSRF_FAILED');
    }
    const restriction = resolvedRestriction;
    if (restriction && !req.routeOptions.config?.allowWhile?.includes(restriction)) {
      // Not an actor for any service: a forced password change cannot be skipped by calling the API.
      req.ctx.actor = null;
      (req as FastifyRequest & { sessionProblem?: AppError }).sessionProblem = new AppError(
        restriction === 'password_change' ? 'PASSWORD_CHANGE_REQUIRED' : 'TOTP_ENROLMENT_REQUIRED',
      );
    }
  });

  app.decorate('requireUser', async (req: FastifyRequest) => {
    if (!req.ctx.actor) {
      throw (
        (req as FastifyRequest & { sessionProblem?: AppError }).sessionProblem ??
        new AppError('UNAUTHENTICATED')
      );
    }
  });
});
