import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessmentQuerySchema,
  assessmentRowSchema,
  assessmentViewSchema,
  handoverBodySchema,
  handoverResultSchema,
  myRecordQuerySchema,
  myRecordSchema,
  rosterEntrySchema,
  rosterQuerySchema,
  townPointsBodySchema,
} from '../../../../core/contracts/workforce';
import type { Deps } from '../../context';
import { exportAssessment } from './export.service';
import { assessment, handOver, myRecord, roster, setTownPoints } from './workforce.service';

export async function workforceRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workforce'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  const idParams = z.object({ id: z.uuid() });
  r.addHook('onRequest', app.requireUser);

  r.get(
    '/roster',
    {
      schema: {
        tags,
        security: read,
        summary: '网格员花名册：本辖区（或其中一个单位）的网格员、所管网格、联系电话（脱敏）、在岗状态',
        querystring: rosterQuerySchema,
        response: { 200: z.array(rosterEntrySchema) },
      },
    },
    async (req) => roster(deps, req.ctx, req.query.orgId),
  );
  r.post(
    '/workers/:id/handover',
    {
      schema: {
        tags,
        security: write,
        summary:
          '交接：网格员请假或离职，其网格和未办结的跟进事项一并交给同乡镇在岗网格员（一个事务，记入事件日志）',
        params: idParams,
        body: handoverBodySchema,
        response: { 200: handoverResultSchema },
      },
    },
    async (req) => handOver(deps, req.ctx, req.params.id, req.body),
  );
  r.put(
    '/workers/:id/town-points',
    {
      schema: {
        tags,
        security: write,
        summary: '镇街评价：乡镇给网格员本考核期的评价分（0–20 分）及依据，记入事件日志',
        params: idParams,
        body: townPointsBodySchema,
        response: { 200: assessmentRowSchema },
      },
    },
    async (req) => setTownPoints(deps, req.ctx, req.params.id, req.body),
  );
  r.get(
    '/assessment',
    {
      schema: {
        tags,
        security: read,
        summary: '网格员考核：每人本月或本季度的履职情况、得分和在本乡镇的名次（公式见 docs/WORKFORCE.md）',
        querystring: assessmentQuerySchema,
        response: { 200: assessmentViewSchema },
      },
    },
    async (req) => assessment(deps, req.ctx, req.query),
  );
  r.get(
    '/assessment.xlsx',
    {
      schema: {
        tags,
        security: read,
        summary: '导出网格员考核表为 XLSX（记入审计日志）',
        querystring: assessmentQuerySchema,
      },
    },
    async (req, reply) => {
      const file = await exportAssessment(deps, req.ctx, req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.data);
    },
  );
  r.get(
    '/me',
    {
      schema: {
        tags,
        security: read,
        summary: '网格员本人的考核记录（默认上个月）',
        querystring: myRecordQuerySchema,
        response: { 200: myRecordSchema },
      },
    },
    async (req) => myRecord(deps, req.ctx, req.query.period),
  );
}
