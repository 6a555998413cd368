/**
 * 市/省级 overview (issue 18): the counts and rates of every county of the city or the province, side by
 * side, for the `dashboard.region` permission. Aggregates only: no matter, no person, no drill-down.
 */
import { z } from 'zod';
import { kpiKeys } from '../domain/kpi/formulas';
import { matterCounterNames } from '../domain/kpi/measures';
import { ratioSchema } from './dashboard';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const regionQuerySchema = z.object({
  /** 全市: the counties of one's own county's city; 全省: of its province. */
  scope: z.enum(['city', 'province']).default('city'),
  from: month.refine((m) => m >= '2000-01', '月份不能早于 2000 年 1 月').optional(),
  to: month.refine((m) => m >= '2000-01', '月份不能早于 2000 年 1 月').optional(),
});
export type RegionQuery = z.infer<typeof regionQuerySchema>;

const countersSchema = z.object(Object.fromEntries(matterCounterNames.map((n) => [n, z.number()])));
const kpisSchema = z.array(z.object({ key: z.enum(kpiKeys), label: z.string(), value: ratioSchema }));

export const regionResponseSchema = z
  .object({
    scope: z.enum(['city', 'province']),
    /** The city's or the province's name, as the counties' division data gives it. */
    name: z.string(),
    period: z.object({ from: month, to: month }),
    counties: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        counters: countersSchema,
        kpis: kpisSchema,
        /** When this county's rollups were last brought up to date. */
        refreshedAt: z.iso.datetime(),
      }),
    ),
    /** The whole region: counts summed, rates computed from the sums (not an average of rates). */
    total: z.object({ counters: countersSchema, kpis: kpisSchema }),
  })
  .meta({ id: 'RegionOverview' });
export type RegionResponse = z.infer<typeof regionResponseSchema>;
