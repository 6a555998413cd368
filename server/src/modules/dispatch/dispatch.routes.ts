import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, pageQuerySchema } from '../../../../core/contracts/common';
import {
  agendaDraftSchema,
  dispatchMeetingPageSchema,
  dispatchMeetingViewSchema,
  jointTaskListQuerySchema,
  jointTaskPageSchema,
  jointTaskViewSchema,
  newDispatchMeetingSchema,
  newJointTaskSchema,
  participantOptionsSchema,
  taskCompleteBodySchema,
  taskProgressBodySchema,
  taskWithdrawBodySchema,
} from '../../../../core/contracts/dispatch';
import type { Deps } from '../../context';
import {
  addTask,
  agendaDraft,
  createMeeting,
  getMeeting,
  listMeetings,
  participantOptions,
} from './meetings.service';
import { actOnTask, getTask, listTasks } from './tasks.service';

export async function dispatchRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dispatch'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/participant-options',
    {
      schema: {
        tags,
        security,
        summary: '可召集参会的单位：本中心下属站所、区直部门、各人民法庭',
        response: { 200: participantOptionsSchema },
      },
    },
    async (req) => participantOptions(deps, req.ctx),
  );
  r.get(
    '/agenda-draft',
    {
      schema: {
        tags,
        security,
        summary: '自动生成的调度会议程：疑难复杂事项、超期事项、风险预警、上次调度会联合任务及其状态',
        response: { 200: agendaDraftSchema },
      },
    },
    async (req) => agendaDraft(deps, req.ctx),
  );
  r.get(
    '/meetings',
    {
      schema: {
        tags,
        security,
        summary: '本级及下级召开的工作调度会',
        querystring: pageQuerySchema,
        response: { 200: dispatchMeetingPageSchema },
      },
    },
    async (req) => listMeetings(deps, req.ctx, req.query),
  );
  r.post(
    '/meetings',
    {
      schema: {
        tags,
        security,
        summary: '召开工作调度会：参会单位（本中心内外）与自动生成的议程，记入事件日志',
        body: newDispatchMeetingSchema,
        response: { 200: dispatchMeetingViewSchema },
      },
    },
    async (req) => createMeeting(deps, req.ctx, req.body),
  );
  r.get(
    '/meetings/:id',
    {
      schema: {
        tags,
        security,
        summary: '一次工作调度会：参会单位、议程、交办的联合任务',
        params: idParamsSchema,
        response: { 200: dispatchMeetingViewSchema },
      },
    },
    async (req) => getMeeting(deps, req.ctx, req.params.id),
  );
  r.post(
    '/meetings/:id/tasks',
    {
      schema: {
        tags,
        security,
        summary: '记录调度会决定：交办一项联合任务（工作机制、牵头单位、配合单位、完成时限）',
        params: idParamsSchema,
        body: newJointTaskSchema,
        response: { 200: dispatchMeetingViewSchema },
      },
    },
    async (req) => addTask(deps, req.ctx, req.params.id, req.body),
  );
  r.get(
    '/tasks',
    {
      schema: {
        tags,
        security,
        summary: '本单位牵头、配合或交办的联合任务',
        querystring: jointTaskListQuerySchema,
        response: { 200: jointTaskPageSchema },
      },
    },
    async (req) => listTasks(deps, req.ctx, req.query),
  );
  r.get(
    '/tasks/:id',
    {
      schema: {
        tags,
        security,
        summary: '一项联合任务',
        params: idParamsSchema,
        response: { 200: jointTaskViewSchema },
      },
    },
    async (req) => getTask(deps, req.ctx, req.params.id),
  );
  r.post(
    '/tasks/:id/progress',
    {
      schema: {
        tags,
        security,
        summary: '报告联合任务进展（牵头或配合单位）',
        params: idParamsSchema,
        body: taskProgressBodySchema,
        response: { 200: jointTaskViewSchema },
      },
    },
    async (req) => actOnTask(deps, req.ctx, req.params.id, 'report', req.body.note),
  );
  r.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags,
        security,
        summary: '办结联合任务（牵头单位）',
        params: idParamsSchema,
        body: taskCompleteBodySchema,
        response: { 200: jointTaskViewSchema },
      },
    },
    async (req) => actOnTask(deps, req.ctx, req.params.id, 'complete', req.body.result),
  );
  r.post(
    '/tasks/:id/withdraw',
    {
      schema: {
        tags,
        security,
        summary: '撤销联合任务（召集的综治中心）',
        params: idParamsSchema,
        body: taskWithdrawBodySchema,
        response: { 200: jointTaskViewSchema },
      },
    },
    async (req) => actOnTask(deps, req.ctx, req.params.id, 'withdraw', req.body.reason),
  );
}
