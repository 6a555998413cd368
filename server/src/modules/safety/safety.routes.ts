import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, pageQuerySchema } from '../../../../core/contracts/common';
import { participantOptionsSchema } from '../../../../core/contracts/dispatch';
import {
  attestBodySchema,
  newRosterSchema,
  reviewBodySchema,
  rosterPageSchema,
  rosterViewSchema,
  safetyTargetsViewSchema,
  safetyTodaySchema,
  shiftListQuerySchema,
  shiftPageSchema,
  shiftReportBodySchema,
  shiftViewSchema,
  targetParamsSchema,
  targetYearQuerySchema,
} from '../../../../core/contracts/safety';
import type { Deps } from '../../context';
import {
  createRoster,
  getRoster,
  listRosters,
  listShifts,
  reportShift,
  safetyToday,
  unitOptions,
} from './rosters.service';
import { attestTarget, reviewAttestation, villageTargets } from './targets.service';

export async function safetyRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['safety'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/unit-options',
    {
      schema: {
        tags,
        security,
        summary: '可排入联防班次的单位：本辖区站所、村（社区）及区直部门',
        response: { 200: participantOptionsSchema },
      },
    },
    async (req) => unitOptions(deps, req.ctx),
  );
  r.get(
    '/rosters',
    {
      schema: {
        tags,
        security,
        summary: '本级及下级制定的联防排班',
        querystring: pageQuerySchema,
        response: { 200: rosterPageSchema },
      },
    },
    async (req) => listRosters(deps, req.ctx, req.query),
  );
  r.post(
    '/rosters',
    {
      schema: {
        tags,
        security,
        summary: '制定联防排班（周或月）：各班次的时间、区域、单位和人员，记入事件日志',
        body: newRosterSchema,
        response: { 200: rosterViewSchema },
      },
    },
    async (req) => createRoster(deps, req.ctx, req.body),
  );
  r.get(
    '/rosters/:id',
    {
      schema: {
        tags,
        security,
        summary: '一份联防排班及各班次的执行情况',
        params: idParamsSchema,
        response: { 200: rosterViewSchema },
      },
    },
    async (req) => getRoster(deps, req.ctx, req.params.id),
  );
  r.get(
    '/shifts',
    {
      schema: {
        tags,
        security,
        summary: '本单位的联防巡逻班次（待报告、今日或全部）',
        querystring: shiftListQuerySchema,
        response: { 200: shiftPageSchema },
      },
    },
    async (req) => listShifts(deps, req.ctx, req.query),
  );
  r.post(
    '/shifts/:id/report',
    {
      schema: {
        tags,
        security,
        summary: '报告联防班次已巡逻或未巡逻（值班单位）',
        params: idParamsSchema,
        body: shiftReportBodySchema,
        response: { 200: shiftViewSchema },
      },
    },
    async (req) => reportShift(deps, req.ctx, req.params.id, req.body),
  );
  r.get(
    '/targets',
    {
      schema: {
        tags,
        security,
        summary: '平安建设目标：辖区各村（社区）年度目标的达标情况',
        querystring: targetYearQuerySchema,
        response: { 200: safetyTargetsViewSchema },
      },
    },
    async (req) => villageTargets(deps, req.ctx, req.query.year),
  );
  r.post(
    '/villages/:id/targets/:code/attest',
    {
      schema: {
        tags,
        security,
        summary: '镇（街道）填报村（社区）平安建设目标的完成情况及佐证，待区级审核',
        params: targetParamsSchema,
        body: attestBodySchema,
        response: { 200: safetyTargetsViewSchema },
      },
    },
    async (req) => attestTarget(deps, req.ctx, req.params.id, req.params.code, req.body),
  );
  r.post(
    '/attestations/:id/review',
    {
      schema: {
        tags,
        security,
        summary: '区级审核平安建设目标填报：通过（达标）或不通过（未达标）',
        params: idParamsSchema,
        body: reviewBodySchema,
        response: { 200: safetyTargetsViewSchema },
      },
    },
    async (req) => reviewAttestation(deps, req.ctx, req.params.id, req.body),
  );
  r.get(
    '/today',
    {
      schema: {
        tags,
        security,
        summary: '工作台：本单位未办结的联合任务数和今日联防班次数',
        response: { 200: safetyTodaySchema },
      },
    },
    async (req) => safetyToday(deps, req.ctx),
  );
}
