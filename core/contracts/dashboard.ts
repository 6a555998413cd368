/** The command dashboard (指挥调度大屏): figures over rollups, live counts, the map, and drill-down. */
import { z } from 'zod';
import { backlogBuckets, kpiKeys } from '../domain/kpi/formulas';
import { dueCounterNames, matterCounterNames } from '../domain/kpi/measures';
import { matterKinds } from '../domain/matters/model';
import { matterSummarySchema } from './matters';
import { orgRefSchema } from './orgs';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
/**
 * A month to filter by. Nothing is counted before 2000, and an earlier year broke the queries:
 * 0000 is no date in PostgreSQL's calendar, 0001 has no previous year for 同比, and a year under
 * 1000 came back as "946-11".
 */
const filterMonth = month.refine((m) => m >= '2000-01', '月份不能早于 2000 年 1 月');
const levels = ['district', 'town', 'village'] as const;

export const dashboardFilterSchema = z.object({
  from: filterMonth.optional(),
  to: filterMonth.optional(),
  townId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  categoryCode: z.string().trim().max(20).optional(),
  kind: z.enum(matterKinds).optional(),
  /** The level that handles: the owner's level for matters, the answerable org's for duties. */
  level: z.enum(levels).optional(),
});
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export const ratioSchema = z
  .object({ num: z.number(), den: z.number(), value: z.number().nullable(), smallSample: z.boolean() })
  .meta({ id: 'Ratio' });
const countChangeSchema = z.object({
  current: z.number(),
  previous: z.number(),
  change: z.number().nullable(),
  smallSample: z.boolean(),
});
const countersSchema = z.object(Object.fromEntries(matterCounterNames.map((n) => [n, z.number()])));
const dueSchema = z.object(Object.fromEntries(dueCounterNames.map((n) => [n, z.number()])));
const breakdownItem = z.object({ key: z.string(), label: z.string(), count: z.number() });

export const dashboardScopeSchema = z.object({
  org: orgRefSchema,
  /** Where the figures come from: the rollups (county, town) or the matters themselves (a village). */
  source: z.enum(['rollup', 'direct']),
  refreshedAt: z.iso.datetime().nullable(),
});

export const kpiResponseSchema = z
  .object({
    scope: dashboardScopeSchema,
    period: z.object({ from: month, to: month }),
    previousPeriod: z.object({ from: month, to: month }),
    counters: z.object({ current: countersSchema, previous: countersSchema }),
    duties: z.object({
      handling: z.object({ current: dueSchema, previous: dueSchema }),
      supervision: z.object({ current: dueSchema, previous: dueSchema }),
    }),
    kpis: z.array(
      z.object({
        key: z.enum(kpiKeys),
        label: z.string(),
        current: ratioSchema,
        previous: ratioSchema,
        points: z.number().nullable(),
      }),
    ),
    counts: z.array(z.object({ key: z.string(), label: z.string() }).extend(countChangeSchema.shape)),
    breakdown: z.object({
      channel: z.array(breakdownItem),
      kind: z.array(breakdownItem),
      category: z.array(breakdownItem),
      town: z.array(breakdownItem),
      intakeLevel: z.array(breakdownItem),
      ownerLevel: z.array(breakdownItem),
    }),
  })
  .meta({ id: 'DashboardKpis' });

export const trendResponseSchema = z
  .object({
    scope: dashboardScopeSchema,
    months: z.array(
      z.object({
        month,
        intake: z.number(),
        done: z.number(),
        resolvedRate: ratioSchema,
        onTimeRate: ratioSchema,
        satisfactionRate: ratioSchema,
      }),
    ),
  })
  .meta({ id: 'DashboardTrend' });

export const mapResponseSchema = z
  .object({
    scope: dashboardScopeSchema,
    grids: z.array(z.object({ gridId: z.uuid(), count: z.number() })),
    max: z.number(),
  })
  .meta({ id: 'DashboardMap' });

export const liveResponseSchema = z
  .object({
    scope: dashboardScopeSchema,
    counts: z.object({
      unowned: z.number(),
      overdue: z.number(),
      supervised: z.number(),
      awaitingVisit: z.number(),
    }),
    backlog: z.array(breakdownItem),
  })
  .meta({ id: 'DashboardLive' });

/** The figures a number on the dashboard can be drilled into. */
export const drillMeasures = [
  ...matterCounterNames,
  'unowned',
  'overdue',
  'supervised_open',
  'awaitingVisit',
  ...backlogBuckets.map((b) => `backlog_${b.key}` as const),
] as const;

export const drillQuerySchema = dashboardFilterSchema.extend({
  measure: z.enum(drillMeasures),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const drillResponseSchema = z
  .object({
    items: z.array(matterSummarySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'DashboardDrill' });
