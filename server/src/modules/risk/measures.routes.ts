import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  measureCompleteBodySchema,
  measureEffectsSchema,
  measureViewSchema,
  newMeasureSchema,
  warningMeasuresSchema,
} from '../../../../core/contracts/dispatch';
import type { Deps } from '../../context';
import { addMeasure, completeMeasure, measureEffects, warningMeasures } from './measures.service';

/** 治未病: measures against a risk warning and their effect. */
export async function measuresRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risk'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/warnings/:id/measures',
    {
      schema: {
        tags,
        security,
        summary: '预警的治未病措施及成效（预警指标措施前后对比）',
        params: idParamsSchema,
        response: { 200: warningMeasuresSchema },
      },
    },
    async (req) => warningMeasures(deps, req.ctx, req.params.id),
  );
  r.post(
    '/warnings/:id/measures',
    {
      schema: {
        tags,
        security,
        summary: '部署一项对症式措施：内容、责任单位和责任人、完成时限、针对的村（社区）或人群',
        params: idParamsSchema,
        body: newMeasureSchema,
        response: { 200: warningMeasuresSchema },
      },
    },
    async (req) => addMeasure(deps, req.ctx, req.params.id, req.body),
  );
  r.post(
    '/measures/:id/complete',
    {
      schema: {
        tags,
        security,
        summary: '措施已落实：写明落实情况',
        params: idParamsSchema,
        body: measureCompleteBodySchema,
        response: { 200: measureViewSchema },
      },
    },
    async (req) => completeMeasure(deps, req.ctx, req.params.id, req.body.result),
  );
  r.get(
    '/measure-effects',
    {
      schema: {
        tags,
        security,
        summary: '治未病措施成效：本级及下级有措施的预警，措施进度与指标前后对比',
        response: { 200: measureEffectsSchema },
      },
    },
    async (req) => measureEffects(deps, req.ctx),
  );
}
