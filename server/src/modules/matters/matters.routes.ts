import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, pageOf } from '../../../../core/contracts/common';
import {
  actionBodySchema,
  attachmentViewSchema as attachmentSchema,
  identitySearchBodySchema,
  intakeBodySchema,
  intakeResultSchema,
  matterDetailSchema,
  matterListQuerySchema,
  matterSummarySchema,
  partyCorrectionSchema,
  partyInputSchema,
  queueCountsSchema,
  supervisionBodySchema,
} from '../../../../core/contracts/matters';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import { withStampedCaches } from '../../db/stamped-cache';
import { actOnMatter } from './actions.service';
import { addAttachment, listAttachments, readAttachment, readThumbnail } from './attachments.service';
import { withIdempotency } from './idempotency.service';
import { intakeByStaff } from './intake.service';
import { findEarlierAnswers, requestMaterial } from './knowledge.service';
import { addParty, correctParty } from './parties.service';
import {
  countQueues,
  getMatter,
  getNotice,
  listMatters,
  matterDetailOfWritten,
  searchByIdentity,
} from './query.service';
import { superviseByHand } from './supervision.service';

const noticeSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string(),
    servedAt: z.iso.datetime(),
    lines: z.array(z.string()),
    matterCode: z.string(),
  })
  .meta({ id: 'Notice' });

export async function mattersRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['matters'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  r.addHook('onRequest', app.requireUser);

  r.post(
    '/',
    {
      // The busiest write: no info line per request (issue 20: ~5% of its CPU); errors still log.
      logLevel: 'warn',
      schema: {
        tags,
        security: write,
        summary: '窗口登记事项（首问负责：登记单位即责任单位）',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: intakeBodySchema,
        response: { 201: intakeResultSchema },
      },
    },
    async (req, reply) => {
      const res = await withIdempotency(
        deps,
        `user:${req.ctx.actor?.userId}`,
        req.headers['idempotency-key'],
        req.body,
        async () => {
          // One cache scope for the intake and its answer: the orgs and categories the answer names
          // are those intake has just looked up.
          const { out, matter } = await withStampedCaches(async () => {
            const out = await intakeByStaff(deps, req.ctx, req.body);
            return {
              out,
              matter: await matterDetailOfWritten(deps, req.ctx, out.written.matter, out.written.rows),
            };
          }, req.ctx.stamps);
          return {
            status: 201,
            body: { matter, trackingSecret: out.trackingSecret, duplicates: out.duplicates },
          };
        },
      );
      return reply.code(res.status as 201).send(res.body as z.infer<typeof intakeResultSchema>);
    },
  );
  r.get(
    '/',
    {
      schema: {
        tags,
        security: read,
        summary: '事项队列',
        querystring: matterListQuerySchema,
        response: { 200: pageOf(matterSummarySchema) },
      },
    },
    async (req) => listMatters(deps, req.ctx, req.query),
  );
  r.post(
    '/identity-search',
    {
      schema: {
        tags,
        security: write,
        summary: '按当事人手机号码或身份证号码查找本辖区事项（号码放在请求体中，不进地址栏和日志）',
        body: identitySearchBodySchema,
        response: { 200: pageOf(matterSummarySchema) },
      },
    },
    async (req) => searchByIdentity(deps, req.ctx, req.body.term),
  );
  r.get(
    '/queues',
    {
      schema: {
        tags,
        security: read,
        summary: '各队列的事项数（待签收/受理、今日到期、已超期……）',
        response: { 200: queueCountsSchema },
      },
    },
    async (req) => countQueues(deps, req.ctx),
  );
  r.get(
    '/:id',
    {
      schema: {
        tags,
        security: read,
        summary: '事项详情（unmask=true 查看当事人完整信息，记入审计）',
        params: idParamsSchema,
        querystring: z.object({ unmask: z.enum(['true', 'false']).optional() }),
        response: { 200: matterDetailSchema },
      },
    },
    async (req) => getMatter(deps, req.ctx, req.params.id, req.query.unmask === 'true'),
  );
  r.post(
    '/:id/actions',
    {
      schema: {
        tags,
        security: write,
        summary: '办理操作（受理、流转、调解、答复、评价、回访、归档……）；操作后不再可见时答 204',
        params: idParamsSchema,
        body: actionBodySchema,
        response: { 200: matterDetailSchema, 204: z.null() },
      },
    },
    async (req, reply) => {
      await actOnMatter(deps, req.ctx, req.params.id, req.body);
      // The step may hand the matter out of the actor's sight (a mediator's agreement, a transfer
      // out of a department): then there is nothing more to show them.
      const detail = await getMatter(deps, req.ctx, req.params.id).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      return detail ? detail : reply.code(204).send(null);
    },
  );
  r.post(
    '/:id/parties',
    {
      schema: {
        tags,
        security: write,
        summary: '添加当事人（如网上反映的对方当事人；责任单位或指定调解员，记入事件）',
        params: idParamsSchema,
        body: partyInputSchema,
        response: { 201: matterDetailSchema },
      },
    },
    async (req, reply) => {
      await addParty(deps, req.ctx, req.params.id, req.body);
      return reply.code(201).send(await getMatter(deps, req.ctx, req.params.id));
    },
  );
  r.patch(
    '/:id/parties/:partyId',
    {
      schema: {
        tags,
        security: write,
        summary: '更正当事人信息（只改所填的字段，null 清空；记入事件）',
        params: z.object({ id: z.uuid(), partyId: z.uuid() }),
        body: partyCorrectionSchema,
        response: { 200: matterDetailSchema },
      },
    },
    async (req) => {
      await correctParty(deps, req.ctx, req.params.id, req.params.partyId, req.body);
      return getMatter(deps, req.ctx, req.params.id);
    },
  );
  r.post(
    '/:id/supervision',
    {
      schema: {
        tags,
        security: write,
        summary: '督办',
        params: idParamsSchema,
        body: supervisionBodySchema,
        response: { 200: matterDetailSchema },
      },
    },
    async (req) => {
      await superviseByHand(deps, req.ctx, req.params.id, req.body.reason, req.body.note);
      return getMatter(deps, req.ctx, req.params.id);
    },
  );
  r.get(
    '/:id/notices/:noticeId',
    {
      schema: {
        tags,
        security: read,
        summary: '告知书、意见书（可打印）',
        params: z.object({ id: z.uuid(), noticeId: z.uuid() }),
        response: { 200: noticeSchema },
      },
    },
    async (req) => getNotice(deps, req.ctx, req.params.id, req.params.noticeId),
  );
  r.get(
    '/consultations/earlier-answers',
    {
      schema: {
        tags,
        security: read,
        summary: '咨询解疑：按问题的词查找本辖区以往的答复',
        querystring: z.object({ q: z.string().trim().min(2).max(200) }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              code: z.string(),
              title: z.string(),
              answer: z.string().nullable(),
              answeredAt: z.string().nullable(),
              score: z.number(),
            }),
          ),
        },
      },
    },
    async (req) => findEarlierAnswers(deps, req.ctx, req.query.q),
  );
  r.post(
    '/:id/materials',
    {
      schema: {
        tags,
        security: write,
        summary: '向群众索要材料（不在一次性告知单上的记为违反一次性告知）',
        params: idParamsSchema,
        body: z.object({ material: z.string().trim().min(2).max(100) }),
        response: { 200: z.object({ onNotice: z.boolean(), violation: z.boolean() }) },
      },
    },
    async (req) => requestMaterial(deps, req.ctx, req.params.id, req.body.material),
  );
  r.post(
    '/:id/attachments',
    {
      schema: {
        tags,
        security: write,
        summary:
          '上传附件（multipart/form-data，字段 file；JPG、PNG、WebP 图片（重新编码，去除位置等元数据）、MP4/MOV 短视频（去除元数据）或 PDF，按内容校验类型）',
        consumes: ['multipart/form-data'],
        params: idParamsSchema,
        response: { 201: attachmentSchema },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件（字段名 file）。');
      const file = await req.file();
      if (file?.fieldname !== 'file')
        throw new AppError('VALIDATION_FAILED', '请以字段名 file 上传一个文件。');
      const data = await file.toBuffer().catch(() => {
        throw new AppError(
          'VALIDATION_FAILED',
          `文件超过 ${Math.floor(deps.config.maxUploadBytes / 1048576)} MB 的上限。`,
        );
      });
      return reply.code(201).send(await addAttachment(deps, req.ctx, req.params.id, file.filename, data));
    },
  );
  r.get(
    '/:id/attachments',
    {
      schema: {
        tags,
        security: read,
        summary: '附件列表',
        params: idParamsSchema,
        response: { 200: z.array(attachmentSchema) },
      },
    },
    async (req) => listAttachments(deps, req.ctx, req.params.id),
  );
  r.get(
    '/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        security: read,
        summary: '下载附件（一律作为附件下载，记入审计）',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const a = await readAttachment(deps, req.ctx, req.params.id, req.params.attachmentId);
      // Never rendered inline: no HTML or SVG from a petition runs in the staff's browser (G22).
      return reply
        .header('content-type', a.mime)
        .header(
          'content-disposition',
          `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .send(a.data);
    },
  );
  r.get(
    '/:id/attachments/:attachmentId/thumbnail',
    {
      schema: {
        tags,
        security: read,
        summary: '图片附件的缩略图（平台重新编码的 JPEG，可在页面内显示；记入审计）',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const data = await readThumbnail(deps, req.ctx, req.params.id, req.params.attachmentId);
      // Our own re-encoded JPEG: shown inline in an <img>, still sandboxed should it be opened.
      return reply
        .header('content-type', 'image/jpeg')
        .header('content-disposition', 'inline; filename="thumbnail.jpg"')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=600')
        .send(data);
    },
  );
}
