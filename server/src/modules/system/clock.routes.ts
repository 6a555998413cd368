import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context';
import { advanceClock } from './clock.service';

export async function systemRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.addHook('onRequest', app.requireUser);
  r.post(
    '/clock',
    {
      schema: {
        tags: ['system'],
        security: [{ session: [], csrf: [] }],
        summary: '把模拟时钟向后拨到某一时刻（仅 ZONGZHI_CLOCK 演示、培训环境；系统管理员）',
        body: z.object({ to: z.iso.datetime({ offset: true }) }),
        response: { 200: z.object({ time: z.iso.datetime() }) },
      },
    },
    async (req) => advanceClock(deps, req.ctx, new Date(req.body.to)),
  );
}
