import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countyCodeSchema, idParamsSchema, pageOf } from '../../../../core/contracts/common';
import {
  gridDetailSchema,
  gridFeatureCollectionSchema,
  gridGeoJsonQuerySchema,
  gridListQuerySchema,
  gridSummarySchema,
  locateQuerySchema,
  locateResultSchema,
  mapTilesSchema,
  placeNameSchema,
  setGridWorkersBodySchema,
} from '../../../../core/contracts/grids';
import { errorBodySchema } from '../../../../core/errors';
import type { Deps } from '../../context';
import { publicRead } from '../../plugins/public-reads';
import { gridIndexCacheFor } from './grid-index-cache';
import * as service from './grids.service';

export async function gridsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cache = gridIndexCacheFor(deps);
  const tags = ['grids'];
  const read = [{ session: [] }];

  r.get(
    '/geo/locate',
    {
      // Public and on the intake hot path; a generous per-IP ceiling still stops scraping loops.
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['geo'],
        summary: '由经纬度查所在网格、村（社区）、镇（街道）',
        querystring: locateQuerySchema,
        response: { 200: locateResultSchema, 422: errorBodySchema },
      },
    },
    async (req) => service.locate(deps, cache, req.query.lng, req.query.lat),
  );

  r.get(
    '/geo/tiles',
    {
      config: publicRead(deps.config, { maxAgeSeconds: 3600 }),
      schema: {
        tags: ['geo'],
        summary: '可选的底图瓦片配置（未配置时为 null，地图只画本系统的边界）',
        response: { 200: mapTilesSchema },
      },
    },
    async () => {
      const t = deps.config.mapTiles;
      return {
        tiles: t ? { url: t.url, labelUrl: t.labelUrl, key: t.key, subdomains: t.subdomains } : null,
      };
    },
  );

  r.get(
    '/geo/places',
    {
      // Changes only when grids are imported: kept an hour, like the outline.
      config: publicRead(deps.config, { maxAgeSeconds: 3600 }),
      schema: {
        tags: ['geo'],
        summary: '镇（街道）、村（社区）名称及其在地图上的标注位置（按名称查找地点）',
        querystring: z.object({ county: countyCodeSchema }),
        response: { 200: z.array(placeNameSchema) },
      },
    },
    async (req) => service.placesOf(deps, req.query.county),
  );

  r.get(
    '/grids',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security: read,
        summary: '本辖区网格',
        querystring: gridListQuerySchema,
        response: { 200: pageOf(gridSummarySchema) },
      },
    },
    async (req) => service.listGrids(deps, req.ctx, req.query),
  );
  r.get(
    '/grids.geojson',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security: read,
        summary: '本辖区网格（GeoJSON）',
        querystring: gridGeoJsonQuerySchema,
        response: { 200: gridFeatureCollectionSchema },
      },
    },
    async (req) => service.gridFeatures(deps, req.ctx, req.query.orgId),
  );
  r.get(
    '/grids/:id',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security: read,
        summary: '网格详情',
        params: idParamsSchema,
        response: { 200: gridDetailSchema },
      },
    },
    async (req) => service.getGrid(deps, req.ctx, req.params.id),
  );
  r.put(
    '/grids/:id/workers',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '指派网格员',
        params: idParamsSchema,
        body: setGridWorkersBodySchema,
        response: { 200: gridSummarySchema },
      },
    },
    async (req) => service.setGridWorkers(deps, req.ctx, req.params.id, req.body.userIds),
  );
}
