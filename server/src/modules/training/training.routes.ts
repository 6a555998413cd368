import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attemptBodySchema,
  attemptResultSchema,
  attendanceBodySchema,
  courseSchema,
  dueLineSchema,
  dueQuerySchema,
  myTrainingSchema,
  newCourseSchema,
  newSessionSchema,
  sessionDetailSchema,
  sessionSchema,
  sessionsQuerySchema,
  testViewSchema,
} from '../../../../core/contracts/training';
import type { Deps } from '../../context';
import { dueList, myTraining, takeTest, testFor } from './due.service';
import {
  createCourse,
  createSession,
  listCourses,
  listSessions,
  recordAttendance,
  sessionDetail,
} from './sessions.service';

export async function trainingRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  const idParams = z.object({ id: z.uuid() });
  r.addHook('onRequest', app.requireUser);

  r.get(
    '/courses',
    {
      schema: {
        tags,
        security: read,
        summary: '培训课程：本区（县）在用的课程、材料、测试题数、及格分和应训规则（不含答案）',
        response: { 200: z.array(courseSchema) },
      },
    },
    async (req) => listCourses(deps, req.ctx),
  );
  r.post(
    '/courses',
    {
      schema: {
        tags,
        security: write,
        summary: '新建培训课程（区级业务管理员）：材料链接、选择题及答案（只存服务器）、及格分、应训规则',
        body: newCourseSchema,
        response: { 201: courseSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createCourse(deps, req.ctx, req.body)),
  );
  r.get(
    '/sessions',
    {
      schema: {
        tags,
        security: read,
        summary: '培训场次：本辖区（或其中一个单位）举办的培训及到场、缺席人数',
        querystring: sessionsQuerySchema,
        response: { 200: z.array(sessionSchema) },
      },
    },
    async (req) => listSessions(deps, req.ctx, req.query.orgId),
  );
  r.post(
    '/sessions',
    {
      schema: {
        tags,
        security: write,
        summary: '登记培训场次：课程、时间、地点、举办单位、授课人（记入事件日志）',
        body: newSessionSchema,
        response: { 201: sessionSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createSession(deps, req.ctx, req.body)),
  );
  r.get(
    '/sessions/:id',
    {
      schema: {
        tags,
        security: read,
        summary: '培训场次详情：举办单位的在岗网格员名单及签到情况',
        params: idParams,
        response: { 200: sessionDetailSchema },
      },
    },
    async (req) => sessionDetail(deps, req.ctx, req.params.id),
  );
  r.put(
    '/sessions/:id/attendance',
    {
      schema: {
        tags,
        security: write,
        summary: '培训签到：登记网格员到场或缺席（记入事件日志）',
        params: idParams,
        body: attendanceBodySchema,
        response: { 200: sessionDetailSchema },
      },
    },
    async (req) => recordAttendance(deps, req.ctx, req.params.id, req.body),
  );
  r.get(
    '/due',
    {
      schema: {
        tags,
        security: read,
        summary: '应训名单：本辖区在岗网格员应参加的培训、应训起止日期、是否逾期',
        querystring: dueQuerySchema,
        response: { 200: z.array(dueLineSchema) },
      },
    },
    async (req) => dueList(deps, req.ctx, req.query.orgId),
  );
  r.get(
    '/me',
    {
      schema: {
        tags,
        security: read,
        summary: '网格员本人的培训：课程、材料、应训期限、最近一次测试成绩',
        response: { 200: myTrainingSchema },
      },
    },
    async (req) => myTraining(deps, req.ctx),
  );
  r.get(
    '/me/courses/:id/test',
    {
      schema: {
        tags,
        security: read,
        summary: '网格员参加培训测试：题目和选项（不含答案）',
        params: idParams,
        response: { 200: testViewSchema },
      },
    },
    async (req) => testFor(deps, req.ctx, req.params.id),
  );
  r.post(
    '/me/courses/:id/attempts',
    {
      schema: {
        tags,
        security: write,
        summary: '交卷：服务器评分，记录是否及格（记入事件日志）',
        params: idParams,
        body: attemptBodySchema,
        response: { 200: attemptResultSchema },
      },
    },
    async (req) => takeTest(deps, req.ctx, req.params.id, req.body),
  );
}
