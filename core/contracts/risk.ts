/** Risk early warning (风险预警): the warnings a leader sees, and what he does with them. */
import { z } from 'zod';
import { riskRules, warningGrades } from '../domain/risk/model';
import { pageOf, pageQuerySchema } from './common';
import { supervisionBodySchema } from './matters';
import { orgRefSchema } from './orgs';

export const warningStatuses = ['open', 'dismissed', 'supervised', 'agenda'] as const;
export type WarningStatus = (typeof warningStatuses)[number];
export const warningStatusLabels: Record<WarningStatus, string> = {
  open: '待处置',
  dismissed: '已排除',
  supervised: '已督办',
  agenda: '已列入研判',
};

export const warningListQuerySchema = pageQuerySchema.extend({
  status: z.enum(warningStatuses).optional(),
  rule: z.enum(riskRules).optional(),
  grade: z.enum(warningGrades).optional(),
});
export type WarningListQuery = z.infer<typeof warningListQuerySchema>;

export const warningMatterSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  status: z.string(),
});

export const warningViewSchema = z
  .object({
    id: z.uuid(),
    rule: z.enum(riskRules),
    ruleLabel: z.string(),
    grade: z.enum(warningGrades),
    gradeLabel: z.string(),
    targetOrg: orgRefSchema,
    explanation: z.string(),
    /** The matters behind it that the viewer may open (all of them for a leader of the acting org or above). */
    matters: z.array(warningMatterSchema),
    matterCount: z.number().int(),
    status: z.enum(warningStatuses),
    dismissalReason: z.string().nullable(),
    handledAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
  })
  .meta({ id: 'RiskWarning' });
export type WarningView = z.infer<typeof warningViewSchema>;

export const warningPageSchema = pageOf(warningViewSchema);

export const dismissBodySchema = z.object({
  reason: z.string().trim().min(4, '请说明排除理由（至少 4 个字）').max(500),
});

/** A supervision order on every open matter behind the warning, for the given statutory reason. */
export const superviseWarningBodySchema = supervisionBodySchema;

export const dismissalRateSchema = z.object({
  items: z.array(
    z.object({
      rule: z.enum(riskRules),
      ruleLabel: z.string(),
      raised: z.number().int(),
      dismissed: z.number().int(),
      /** dismissed ÷ (raised − still open); null when nothing has been decided yet. */
      rate: z.number().nullable(),
      smallSample: z.boolean(),
    }),
  ),
});
