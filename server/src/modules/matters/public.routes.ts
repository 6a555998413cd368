import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicCatalogSchema } from '../../../../core/contracts/catalog';
import { countyCodeSchema } from '../../../../core/contracts/common';
import { intakeBodySchema } from '../../../../core/contracts/matters';
import {
  documentRequestSchema,
  residentActSchema,
  trackingProofSchema,
  trackingSchema,
} from '../../../../core/contracts/public-matters';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import { pdfReply, pdfResponse } from '../../plugins/pdf-reply';
import { publicRead } from '../../plugins/public-reads';
import { publicCatalog } from '../config/catalog.service';
import { withIdempotency } from './idempotency.service';
import { residentAct, residentDocument, residentUpload, submitOnline, trackMatter } from './public.service';

export async function publicRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];
  r.get(
    '/catalog',
    {
      // A county's edit reaches residents' forms within a minute; submitting checks the codes anyway.
      config: publicRead(deps.config, { maxAgeSeconds: 60 }),
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
        summary: '群众网上提交事项（无需账号；返回事项编号与查询码，并以短信发到所填手机）',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: intakeBodySchema.extend({ countyCode: countyCodeSchema }),
        response: {
          201: z.object({ code: z.string(), trackingSecret: z.string(), tracking: trackingSchema }),
        },
      },
    },
    async (req, reply) => {
      const { countyCode, ...body } = req.body;
      const res = await withIdempotency(
        deps,
        `ip:${req.ip}`,
        req.headers['idempotency-key'],
        req.body,
        async () => ({ status: 201, body: await submitOnline(deps, req.ctx, countyCode, body) }),
      );
      return reply.code(res.status as 201).send(res.body as Awaited<ReturnType<typeof submitOnline>>);
    },
  );
  r.post(
    '/matters/track',
    {
      // Lookups are rate-limited per address (docs/SECURITY.md G24: ≤10 per minute).
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '凭事项编号、查询码和手机号查询办理进度、答复和文书',
        body: trackingProofSchema,
        response: { 200: trackingSchema },
      },
    },
    async (req) => trackMatter(deps, req.body),
  );
  r.post(
    '/matters/documents',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          '下载送达群众的文书（告知书、答复意见、意见书、调解协议书）PDF，凭事项编号、查询码和手机号；记入审计',
        body: documentRequestSchema,
        response: pdfResponse,
      },
    },
    async (req, reply) => {
      const { kind, id, ...proof } = req.body;
      const { pdf, fileName } = await residentDocument(deps, req.ctx, proof, { kind, id });
      return reply.headers(pdfReply(fileName)).send(pdf);
    },
  );
  r.post(
    '/matters/attachments',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          '群众补充照片（按类别还可传短视频或 PDF）：multipart/form-data，字段 code、secret、phone 在前，file 在后；办结前可传',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({
            id: z.uuid(),
            fileName: z.string(),
            mime: z.string(),
            size: z.number(),
            createdAt: z.string(),
          }),
        },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件（字段名 file）。');
      const file = await req.file();
      if (file?.fieldname !== 'file')
        throw new AppError('VALIDATION_FAILED', '请以字段名 file 上传一个文件。');
      const field = (name: string) => {
        const f = file.fields[name];
        return f && !Array.isArray(f) && f.type === 'field' ? String(f.value) : '';
      };
      const proof = trackingProofSchema.safeParse({
        code: field('code'),
        secret: field('secret'),
        phone: field('phone'),
      });
      if (!proof.success) throw new AppError('NOT_FOUND', '未找到该事项：请核对事项编号、查询码和手机号码。');
      const data = await file.toBuffer().catch(() => {
        throw new AppError(
          'VALIDATION_FAILED',
          `文件超过 ${Math.floor(deps.config.maxUploadBytes / 1048576)} MB 的上限。`,
        );
      });
      return reply
        .code(201)
        .send(await residentUpload(deps, req.ctx, proof.data, { fileName: file.filename, data }));
    },
  );
  r.post(
    '/matters/act',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '群众评价、申请复查或复核',
        body: residentActSchema,
        response: { 200: trackingSchema },
      },
    },
    async (req) => {
      const { code, secret, phone, ...command } = req.body;
      return residentAct(deps, req.ctx, { code, secret, phone }, command);
    },
  );
}
