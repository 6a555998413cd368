/** Linked mediation (联动调解): the 警调 handoff, the 派出所's record of it, and the per-route figures. */
import { z } from 'zod';
import { linkedOutcomes, linkedRoutes } from '../domain/mediation/linked-routes';
import { partyInputSchema } from './matters';

export const policeReferralBodySchema = z.object({
  /** 警情 number of the call (the police record the result returns to). */
  policeRecordNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,40}$/, '警情编号应为 6–40 位字母、数字或短横线'),
  /** When the police met the dispute (出警时间). */
  calledAt: z.iso.datetime(),
  categoryCode: z.string().min(3).max(20),
  title: z.string().trim().min(2, '请填写纠纷标题').max(80),
  description: z.string().trim().min(5, '请把纠纷经过写清楚（至少 5 个字）').max(5000),
  /** The village where it happened: its committee (else the town's) mediates. */
  villageId: z.uuid(),
  parties: z.array(partyInputSchema).min(2, '请至少填写纠纷双方').max(50),
});
export type PoliceReferralBody = z.infer<typeof policeReferralBodySchema>;

export const policeReferralSchema = z
  .object({
    matterId: z.uuid(),
    matterCode: z.string(),
    title: z.string(),
    policeRecordNo: z.string(),
    committee: z.object({ id: z.uuid(), name: z.string() }),
    status: z.string(),
    statusLabel: z.string(),
    outcome: z.enum(linkedOutcomes).nullable(),
    outcomeLabel: z.string().nullable(),
    outcomeAt: z.iso.datetime().nullable(),
    handedAt: z.iso.datetime(),
  })
  .meta({ id: 'PoliceReferral' });
export type PoliceReferral = z.infer<typeof policeReferralSchema>;

export const linkedFiguresQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

const ratioSchema = z.object({
  num: z.number().int(),
  den: z.number().int(),
  value: z.number().nullable(),
  smallSample: z.boolean(),
});

export const linkedFiguresSchema = z
  .object({
    routes: z.array(
      z.object({
        route: z.enum(linkedRoutes),
        label: z.string(),
        count: z.number().int(),
        agreed: z.number().int(),
        failed: z.number().int(),
        successRate: ratioSchema,
      }),
    ),
  })
  .meta({ id: 'LinkedMediationFigures' });
export type LinkedFigures = z.infer<typeof linkedFiguresSchema>;
