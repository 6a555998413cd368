import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  dismissalRateSchema,
  dismissBodySchema,
  reviewOptionsSchema,
  reviewWarningBodySchema,
  superviseWarningBodySchema,
  warningListQuerySchema,
  warningPageSchema,
  warningViewSchema,
} from '../../../../core/contracts/risk';
import type { Deps } from '../../context';
import {
  dismissalRates,
  dismissWarning,
  getWarning,
  listWarnings,
  reviewMeetings,
  reviewWarning,
  superviseWarning,
} from './risk.service';

export async function riskRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risk'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/warnings',
    {
      schema: {
        tags,
        security,
        summary: '风险预警列表：本级及下级应处置的预警（领导），待处置的按等级排在前面',
        querystring: warningListQuerySchema,
        response: { 200: warningPageSchema },
      },
    },
    async (req) => listWarnings(deps, req.ctx, req.query),
  );
  r.get(
    '/warnings/:id',
    {
      schema: {
        tags,
        security,
        summary: '一条风险预警',
        params: idParamsSchema,
        response: { 200: warningViewSchema },
      },
    },
    async (req) => getWarning(deps, req.ctx, req.params.id),
  );
  r.post(
    '/warnings/:id/dismiss',
    {
      schema: {
        tags,
        security,
        summary: '排除误报：须说明理由，记入事件日志',
        params: idParamsSchema,
        body: dismissBodySchema,
        response: { 200: warningViewSchema },
      },
    },
    async (req) => dismissWarning(deps, req.ctx, req.params.id, req.body.reason),
  );
  r.post(
    '/warnings/:id/supervision',
    {
      schema: {
        tags,
        security,
        summary: '转督办：对预警涉及的每件未办结事项发出督办单',
        params: idParamsSchema,
        body: superviseWarningBodySchema,
        response: { 200: warningViewSchema },
      },
    },
    async (req) => superviseWarning(deps, req.ctx, req.params.id, req.body),
  );
  r.get(
    '/review-meetings',
    {
      schema: {
        tags,
        security,
        summary: '本级研判会尚未召开的会议，以及可以新建会议的研判会',
        response: { 200: reviewOptionsSchema },
      },
    },
    async (req) => reviewMeetings(deps, req.ctx),
  );
  r.post(
    '/warnings/:id/review',
    {
      schema: {
        tags,
        security,
        summary: '列入研判会议：预警涉及的事项和预警说明成为本级研判会议的一项议程，记入事件日志',
        params: idParamsSchema,
        body: reviewWarningBodySchema,
        response: { 200: warningViewSchema },
      },
    },
    async (req) => reviewWarning(deps, req.ctx, req.params.id, req.body),
  );
  r.get(
    '/dismissal-rates',
    {
      schema: {
        tags,
        security,
        summary: '各规则的误报排除率（已排除 ÷ 已处置）',
        response: { 200: dismissalRateSchema },
      },
    },
    async (req) => dismissalRates(deps, req.ctx),
  );
}
