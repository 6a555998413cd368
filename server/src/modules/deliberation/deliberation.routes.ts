import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  bodyDetailSchema,
  bodyListQuerySchema,
  bodySummarySchema,
  contributionViewSchema,
  createBodySchema,
  createMeetingSchema,
  decideItemSchema,
  holdMeetingSchema,
  matterLinksSchema,
  meetingDetailSchema,
  meetingListQuerySchema,
  meetingSummarySchema,
  opinionInputSchema,
  serviceAssignInputSchema,
  speakerInputSchema,
} from '../../../../core/contracts/deliberation';
import type { Deps } from '../../context';
import { createBody, getBody, listBodies } from './bodies.service';
import { assignService, completeService, matterLinks, recordOpinion } from './contributions.service';
import { decideItem, publishMeeting } from './decisions.service';
import { getMeeting, listMeetings } from './meeting-view.service';
import { createMeeting, holdMeeting, registerSpeaker } from './meetings.service';

export async function deliberationRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deliberation'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  r.addHook('onRequest', app.requireUser);

  r.get(
    '/bodies',
    {
      schema: {
        tags,
        security: read,
        summary: '议事组织列表（管辖范围内，或本人担任成员的）',
        querystring: bodyListQuerySchema,
        response: { 200: z.object({ items: z.array(bodySummarySchema) }) },
      },
    },
    async (req) => ({ items: await listBodies(deps, req.ctx, req.query) }),
  );
  r.post(
    '/bodies',
    {
      schema: {
        tags,
        security: write,
        summary: '设立议事组织（议事会、理事会、评判团、服务团、协商会）及成员',
        body: createBodySchema,
        response: { 201: bodyDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createBody(deps, req.ctx, req.body)),
  );
  r.get(
    '/bodies/:id',
    {
      schema: {
        tags,
        security: read,
        summary: '议事组织详情及成员',
        params: idParamsSchema,
        response: { 200: bodyDetailSchema },
      },
    },
    async (req) => getBody(deps, req.ctx, req.params.id),
  );
  r.post(
    '/bodies/:id/opinions',
    {
      schema: {
        tags,
        security: write,
        summary: '记录道德评判团对调解中纠纷的评判意见（计入调解）',
        params: idParamsSchema,
        body: opinionInputSchema,
        response: { 201: contributionViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await recordOpinion(deps, req.ctx, req.params.id, req.body)),
  );
  r.post(
    '/bodies/:id/service-requests',
    {
      schema: {
        tags,
        security: write,
        summary: '把村窗口受理的便民服务诉求派给百事服务团成员',
        params: idParamsSchema,
        body: serviceAssignInputSchema,
        response: { 201: contributionViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await assignService(deps, req.ctx, req.params.id, req.body)),
  );

  r.post(
    '/contributions/:id/done',
    {
      schema: {
        tags,
        security: write,
        summary: '登记百事服务团派单已完成',
        params: idParamsSchema,
        body: z.object({ note: z.string().trim().min(2, '请写明完成情况').max(500) }),
        response: { 200: contributionViewSchema },
      },
    },
    async (req) => completeService(deps, req.ctx, req.params.id, req.body.note),
  );

  r.get(
    '/meetings',
    {
      schema: {
        tags,
        security: read,
        summary: '会议列表',
        querystring: meetingListQuerySchema,
        response: { 200: z.object({ items: z.array(meetingSummarySchema) }) },
      },
    },
    async (req) => ({ items: await listMeetings(deps, req.ctx, req.query) }),
  );
  r.post(
    '/meetings',
    {
      schema: {
        tags,
        security: write,
        summary: '安排会议：议题、时间、地点、议程（关联事项），并发出邀请（站内消息、短信）',
        body: createMeetingSchema,
        response: { 201: meetingDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createMeeting(deps, req.ctx, req.body)),
  );
  r.get(
    '/meetings/:id',
    {
      schema: {
        tags,
        security: read,
        summary: '会议详情（未公开的会议记录仅本级及上级工作人员和组织成员可见）',
        params: idParamsSchema,
        response: { 200: meetingDetailSchema },
      },
    },
    async (req) => getMeeting(deps, req.ctx, req.params.id),
  );
  r.post(
    '/meetings/:id/speakers',
    {
      schema: {
        tags,
        security: write,
        summary: '登记要求发言的群众',
        params: idParamsSchema,
        body: speakerInputSchema,
        response: { 200: meetingDetailSchema },
      },
    },
    async (req) => registerSpeaker(deps, req.ctx, req.params.id, req.body),
  );
  r.post(
    '/meetings/:id/hold',
    {
      schema: {
        tags,
        security: write,
        summary: '登记会议召开情况：出席成员、现场人数、会议记录',
        params: idParamsSchema,
        body: holdMeetingSchema,
        response: { 200: meetingDetailSchema },
      },
    },
    async (req) => holdMeeting(deps, req.ctx, req.params.id, req.body),
  );
  r.post(
    '/meetings/:id/items/:itemId/decision',
    {
      schema: {
        tags,
        security: write,
        summary: '录入议程事项的决定：表决方式、票数（含纸质选票）、结果及理由、不同意见、交办任务',
        params: z.object({ id: z.uuid(), itemId: z.uuid() }),
        body: decideItemSchema,
        response: { 200: meetingDetailSchema },
      },
    },
    async (req) => decideItem(deps, req.ctx, req.params.id, req.params.itemId, req.body),
  );
  r.post(
    '/meetings/:id/publish',
    {
      schema: {
        tags,
        security: write,
        summary: '村务公开：公开会议决定及落实进度（先检查不含个人信息）',
        params: idParamsSchema,
        response: { 200: meetingDetailSchema },
      },
    },
    async (req) => publishMeeting(deps, req.ctx, req.params.id),
  );
  r.get(
    '/matters/:id/links',
    {
      schema: {
        tags,
        security: read,
        summary: '事项与议事的关联：所在议程、来源决定、评判意见和服务派单',
        params: idParamsSchema,
        response: { 200: matterLinksSchema },
      },
    },
    async (req) => matterLinks(deps, req.ctx, req.params.id),
  );
}
