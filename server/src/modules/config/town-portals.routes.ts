import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  publicTownPortalSchema,
  saveTownPortalsBodySchema,
  townPortalParamsSchema,
  townPortalsSchema,
} from '../../../../core/contracts/portals';
import type { Deps } from '../../context';
import { publicRead } from '../../plugins/public-reads';
import { getTownPortals, publicTownPortal, saveTownPortals } from './town-portals.service';

/** The administrator's document, under /api/config. */
export async function portalsConfigRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['config'];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/town-portals',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '镇（街道）、村（社区）的掌上入口（业务管理员）',
        response: { 200: townPortalsSchema },
      },
    },
    async (req) => getTownPortals(deps, req.ctx),
  );
  r.put(
    '/town-portals',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存掌上入口（新增一个版本）',
        body: saveTownPortalsBodySchema,
        response: { 200: townPortalsSchema },
      },
    },
    async (req) => saveTownPortals(deps, req.ctx, req.body),
  );
}

/** What a resident's phone reads at /t/<slug>, under /api/public. */
export async function portalsPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/towns/:slug',
    {
      // A saved change reaches phones within a minute; nothing here is personal.
      config: publicRead(deps.config, { maxAgeSeconds: 60 }),
      schema: {
        tags: ['public'],
        summary: '镇（街道）、村（社区）的掌上入口：名称、综治中心、服务事项和通知（无需账号）',
        params: townPortalParamsSchema,
        response: { 200: publicTownPortalSchema },
      },
    },
    async (req) => publicTownPortal(deps, req.params.slug),
  );
}
