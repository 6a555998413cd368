/**
 * The court platform's calls to us (docs/COURT-API.md §3): no session, a signature instead. The
 * signature is checked on the exact bytes received before anything is parsed into a command; a
 * replayed nonce is refused; a retried message (same Idempotency-Key) gets the first answer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseRegistrationSchema,
  confirmationRulingSchema,
  inboundAckSchema,
  mediationRequestSchema,
} from '../../../../core/contracts/court';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import { withIdempotency } from '../matters/idempotency.service';
import { verifyRequest } from './court-signature';
import {
  receiveCaseRegistration,
  receiveConfirmationRuling,
  receiveMediationRequest,
} from './inbound.service';
import * as nonces from './nonces.repo';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
    courtKeyId?: string;
  }
}

const problems: Record<string, string> = {
  missing: '缺少签名头（X-Court-Key-Id、X-Court-Timestamp、X-Court-Nonce、X-Court-Signature）。',
  stale: '请求时间戳超出允许范围（前后 5 分钟）。',
  bad_nonce: '随机数格式不正确（16–64 位字母数字）。',
  unknown_key: '未知的密钥编号。',
  bad_signature: '签名不正确。',
};

const headers = z.object({ 'idempotency-key': z.string().min(8).max(128) });

export async function courtInboundRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  // Keep the bytes as received: the signature covers them, not a re-serialised object.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    (req as FastifyRequest).rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('BAD_REQUEST', '请求体不是合法的 JSON。'), undefined);
    }
  });

  app.addHook('preValidation', async (req) => {
    // The signature's freshness is a transport check between two machines' real clocks.
    const now = new Date();
    const v = verifyRequest({
      method: req.method,
      path: req.url,
      rawBody: req.rawBody ?? '',
      headers: req.headers,
      secretFor: (keyId) => (keyId === deps.config.court.keyId ? deps.config.court.inboundSecret : null),
      now,
    });
    if (!v.ok) throw new AppError('SIGNATURE_INVALID', problems[v.problem], { reason: v.problem });
    if (!(await nonces.remember(deps.database.db, v.nonce, v.keyId, now))) {
      throw new AppError('REQUEST_REPLAYED', undefined, { reason: 'nonce_seen' });
    }
    req.courtKeyId = v.keyId;
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['court'];
  const security = [{ courtSignature: [] }];
  const ack = { 200: inboundAckSchema, 201: inboundAckSchema };

  function idempotent<T>(
    req: FastifyRequest & { body: T; headers: { 'idempotency-key': string } },
    run: () => Promise<unknown>,
  ) {
    return withIdempotency(
      deps,
      `court:${req.courtKeyId}`,
      req.headers['idempotency-key'],
      req.body,
      async () => ({
        status: 201,
        body: await run(),
      }),
    );
  }

  r.post(
    '/mediation-requests',
    {
      schema: {
        tags,
        security,
        summary: '法院委托或委派调解（法院调解平台调用，需签名）',
        headers,
        body: mediationRequestSchema,
        response: ack,
      },
    },
    async (req, reply) => {
      const res = await idempotent(req, () => receiveMediationRequest(deps, req.ctx, req.body));
      return reply.code(res.status as 201).send(res.body as z.infer<typeof inboundAckSchema>);
    },
  );
  r.post(
    '/confirmation-rulings',
    {
      schema: {
        tags,
        security,
        summary: '法院对司法确认申请的裁定（法院调解平台调用，需签名）',
        headers,
        body: confirmationRulingSchema,
        response: ack,
      },
    },
    async (req, reply) => {
      const res = await idempotent(req, () => receiveConfirmationRuling(deps, req.ctx, req.body));
      return reply.code(res.status as 201).send(res.body as z.infer<typeof inboundAckSchema>);
    },
  );
  r.post(
    '/case-registrations',
    {
      schema: {
        tags,
        security,
        summary: '法院对推送案件的立案登记（法院调解平台调用，需签名）',
        headers,
        body: caseRegistrationSchema,
        response: ack,
      },
    },
    async (req, reply) => {
      const res = await idempotent(req, () => receiveCaseRegistration(deps, req.ctx, req.body));
      return reply.code(res.status as 201).send(res.body as z.infer<typeof inboundAckSchema>);
    },
  );
}
