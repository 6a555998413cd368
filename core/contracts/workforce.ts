/**
 * 网格员队伍: the roster with hand-over (交接), the county's duty standard (履职标准) and the monthly or
 * quarterly assessment (考核) with the town's own points. Figures and formula: core/domain/workforce,
 * docs/WORKFORCE.md.
 */
import { z } from 'zod';
import { dutyStandardFields } from '../domain/workforce/duty-standard';
import { periodPattern } from '../domain/workforce/period';
import { handoverStatuses, workerStatuses } from '../domain/workforce/status';

const ref = z.object({ id: z.uuid(), name: z.string() });

export const rosterQuerySchema = z.object({ orgId: z.uuid().optional() });

export const rosterEntrySchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    /** Masked like every identity (138****0000). */
    phone: z.string().nullable(),
    org: ref,
    status: z.enum(workerStatuses),
    since: z.iso.datetime().nullable(),
    reason: z.string().nullable(),
    handedTo: ref.nullable(),
    grids: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
    /** Open grid reports this worker follows in the field (跟进). */
    openFollowUps: z.number().int(),
  })
  .meta({ id: 'RosterEntry' });
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const handoverBodySchema = z
  .object({
    toUserId: z.uuid('请选择接收人'),
    status: z.enum(handoverStatuses),
    reason: z.string().trim().min(2, '请填写交接原因（至少 2 个字）').max(500),
  })
  .meta({ id: 'NewHandover' });
export type HandoverBody = z.infer<typeof handoverBodySchema>;

export const handoverResultSchema = z
  .object({
    leaver: rosterEntrySchema,
    colleague: rosterEntrySchema,
    gridsHanded: z.number().int(),
    followUpsHanded: z.number().int(),
  })
  .meta({ id: 'HandoverResult' });
export type HandoverResult = z.infer<typeof handoverResultSchema>;

const standardShape = Object.fromEntries(
  dutyStandardFields.map((f) => [f.key, z.number().int().min(f.min).max(f.max)]),
) as Record<(typeof dutyStandardFields)[number]['key'], z.ZodNumber>;
export const dutyStandardSchema = z.object(standardShape).meta({ id: 'DutyStandard' });

export const dutyStandardViewSchema = z
  .object({ version: z.number().int(), isDefault: z.boolean(), standard: dutyStandardSchema })
  .meta({ id: 'DutyStandardView' });
export type DutyStandardView = z.infer<typeof dutyStandardViewSchema>;

export const saveDutyStandardBodySchema = z
  .object({ baseVersion: z.number().int().min(0), standard: dutyStandardSchema })
  .meta({ id: 'SaveDutyStandard' });
export type SaveDutyStandardBody = z.infer<typeof saveDutyStandardBodySchema>;

export const periodSchema = z.string().regex(periodPattern, '考核期应为月份（2026-11）或季度（2026-Q4）');

export const assessmentQuerySchema = z.object({ period: periodSchema, orgId: z.uuid().optional() });

const performanceSchema = z.object({
  patrols: z.number().int(),
  patrolsDue: z.number().int(),
  visits: z.number().int(),
  visitsDue: z.number().int(),
  followUps: z.number().int(),
  followUpsDue: z.number().int(),
  reports: z.number().int(),
  timelyReports: z.number().int(),
  validReports: z.number().int(),
  resolvedReports: z.number().int(),
});

export const assessmentRowSchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    org: ref,
    town: ref.nullable(),
    status: z.enum(workerStatuses),
    performance: performanceSchema,
    parts: z.object({
      patrol: z.number(),
      visit: z.number(),
      followUp: z.number(),
      timeliness: z.number(),
      validity: z.number(),
      town: z.number(),
    }),
    total: z.number(),
    townAssessed: z.boolean(),
    townNote: z.string().nullable(),
    /** Place among the workers of the same town (equal totals share a place). */
    rank: z.number().int(),
    rankOf: z.number().int(),
  })
  .meta({ id: 'AssessmentRow' });
export type AssessmentRow = z.infer<typeof assessmentRowSchema>;

export const assessmentViewSchema = z
  .object({
    period: z.string(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    standard: dutyStandardViewSchema,
    rows: z.array(assessmentRowSchema),
  })
  .meta({ id: 'AssessmentView' });
export type AssessmentView = z.infer<typeof assessmentViewSchema>;

export const townPointsBodySchema = z
  .object({
    period: periodSchema,
    points: z.number().min(0, '镇街评价为 0–20 分').max(20, '镇街评价为 0–20 分'),
    note: z.string().trim().min(2, '请写明评价依据（至少 2 个字）').max(500),
  })
  .meta({ id: 'TownPoints' });
export type TownPointsBody = z.infer<typeof townPointsBodySchema>;

export const myRecordQuerySchema = z.object({ period: periodSchema.optional() });
export const myRecordSchema = z
  .object({ period: z.string(), standard: dutyStandardViewSchema, row: assessmentRowSchema.nullable() })
  .meta({ id: 'MyAssessment' });
export type MyRecord = z.infer<typeof myRecordSchema>;
