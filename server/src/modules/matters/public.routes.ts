import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicCatalogSchema } from '../../../../core/contracts/catalog';
import { countyCodeSchema } from '../../../../core/contracts/common';
import { intakeBodySchema } from '../../../../core/contracts/matters';
import type { Deps } from '../../context';
import { publicCatalog } from '../config/catalog.service';
import { withIdempotency } from './idempotency.service';
import { intakeOnline } from './intake.service';
import { residentAct, trackMatter } from './public.service';

const proofSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}-\d{4}-\d{6}$/, '事项编号格式如 620602-2026-000123'),
  secret: z.string().trim().min(20).max(40),
  phone: z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号码'),
});

const trackSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    category: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    holder: z.string(),
    deadlines: z.array(
      z
        .object({
          label: z.string(),
          dueAt: z.string().nullable(),
          remaining: z.string(),
          citation: z.string(),
        })
        .passthrough(),
    ),
    timeline: z.array(z.object({ at: z.string(), label: z.string(), status: z.string().nullable() })),
    actions: z.array(z.object({ action: z.string(), label: z.string() })),
  })
  .meta({ id: 'Tracking' });

export async function publicRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];
  r.get(
    '/catalog',
    {
      schema: {
        tags,
        summary: '本县（区）现行的事项类别和服务事项目录（办事指南、网上反映用；无需账号）',
        querystring: z.object({ countyCode: countyCodeSchema }),
        response: { 200: publicCatalogSchema },
      },
    },
    async (req) => publicCatalog(deps, req.query.countyCode),
  );
  r.post(
    '/matters',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '群众网上提交事项（无需账号；返回事项编号与查询码）',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: intakeBodySchema.extend({ countyCode: countyCodeSchema }),
        response: { 201: z.object({ code: z.string(), trackingSecret: z.string(), tracking: trackSchema }) },
      },
    },
    async (req, reply) => {
      const { countyCode, ...body } = req.body;
      const res = await withIdempotency(
        deps,
        `ip:${req.ip}`,
        req.headers['idempotency-key'],
        req.body,
        async () => {
          const out = await intakeOnline(deps, req.ctx, countyCode, body);
          const phone = body.parties.find((p) => p.role === 'applicant' && p.phone)!.phone!;
          const tracking = await trackMatter(deps, out.code, out.trackingSecret!, phone);
          return { status: 201, body: { code: out.code, trackingSecret: out.trackingSecret!, tracking } };
        },
      );
      return reply
        .code(res.status as 201)
        .send(res.body as { code: string; trackingSecret: string; tracking: z.infer<typeof trackSchema> });
    },
  );
  r.post(
    '/matters/track',
    {
      // Lookups are rate-limited per address (docs/SECURITY.md G24: ≤10 per minute).
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '凭事项编号、查询码和手机号查询办理进度',
        body: proofSchema,
        response: { 200: trackSchema },
      },
    },
    async (req) => trackMatter(deps, req.body.code, req.body.secret, req.body.phone),
  );
  r.post(
    '/matters/act',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '群众评价、申请复查或复核',
        body: proofSchema.extend({
          action: z.enum(['rate', 'request_review', 'request_reexam']),
          rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
          substantive: z.boolean().optional(),
          reason: z.string().trim().max(2000).optional(),
        }),
        response: { 200: trackSchema },
      },
    },
    async (req) => {
      const { code, secret, phone, ...command } = req.body;
      return residentAct(deps, req.ctx, { code, secret, phone }, command);
    },
  );
}
