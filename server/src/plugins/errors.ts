/**
 * The one error handler (docs/CONVENTIONS.md 2): AppError → its status and Chinese message;
 * zod validation → 400 with field paths; anything else → 500 with the request id and nothing of
 * the stack, SQL or library (docs/SECURITY.md G25).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { AppError, defaultMessages, type ErrorBody } from '../../../core/errors';

// A field's own message is shown to people (web forms mark it, the 400's message names it): zod's
// defaults in Chinese, as the web's forms have them (web/src/components/zodRule.ts), never "Invalid UUID".
z.config(zhCN());

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

/** The handler, exported for the errors Fastify raises before a route is chosen (app.ts). */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return send(reply, err.status, {
      code: err.code,
      message: err.userMessage,
      ...(err.details === undefined ? {} : { details: err.details }),
      requestId: req.id,
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: [err.validationContext ?? 'body', ...(v.instancePath ?? '').split('/').filter(Boolean)],
      message: v.message,
    }));
    return send(reply, 400, {
      code: 'VALIDATION_FAILED',
      message: `${defaultMessages.VALIDATION_FAILED}${details[0] ? `（${details[0].path.join('.')}：${details[0].message}）` : ''}`,
      details,
      requestId: req.id,
    });
  }
  if (err.statusCode === 429) {
    return send(reply, 429, {
      code: 'RATE_LIMITED',
      message: defaultMessages.RATE_LIMITED,
      requestId: req.id,
    });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own client errors (bad JSON, body too large, unsupported media type).
    const code =
      err.statusCode === 404
        ? 'NOT_FOUND'
        : err.statusCode === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : 'BAD_REQUEST';
    return send(reply, err.statusCode, { code, message: defaultMessages[code], requestId: req.id });
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, { code: 'INTERNAL', message: defaultMessages.INTERNAL, requestId: req.id });
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(handleError);
});
