import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countyCodeSchema } from '../../../../core/contracts/common';
import { boundarySchema, countySchema } from '../../../../core/contracts/grids';
import type { Deps } from '../../context';
import { publicRead } from '../../plugins/public-reads';
import * as service from './counties.service';

export async function countiesRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/counties',
    {
      config: publicRead(deps.config, { maxAgeSeconds: 300 }),
      schema: { tags: ['geo'], summary: '本系统服务的县（区）', response: { 200: z.array(countySchema) } },
    },
    async () => service.listCounties(deps),
  );
  r.get(
    '/geo/boundary',
    {
      // 75 KB that changes only when a county is imported: kept an hour, then revalidated.
      config: publicRead(deps.config, { maxAgeSeconds: 3600 }),
      schema: {
        tags: ['geo'],
        summary: '县（区）边界',
        querystring: z.object({ county: countyCodeSchema }),
        response: { 200: boundarySchema },
      },
    },
    async (req) => service.countyBoundary(deps, req.query.county),
  );
}
