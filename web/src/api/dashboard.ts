import type { z } from 'zod';
import type {
  DashboardFilter,
  drillMeasures,
  drillResponseSchema,
  kpiResponseSchema,
  liveResponseSchema,
  mapResponseSchema,
  trendResponseSchema,
} from '../../../core/contracts/dashboard';
import { api, query } from './client';

export type Kpis = z.infer<typeof kpiResponseSchema>;
export type Trend = z.infer<typeof trendResponseSchema>;
export type DensityMap = z.infer<typeof mapResponseSchema>;
export type Live = z.infer<typeof liveResponseSchema>;
export type Drill = z.infer<typeof drillResponseSchema>;
export type DrillMeasure = (typeof drillMeasures)[number];
export type Ratio = Kpis['kpis'][number]['current'];
export type { DashboardFilter };

export const dashboardKeys = {
  all: ['dashboard'] as const,
  part: (part: string, f: DashboardFilter) => ['dashboard', part, f] as const,
  drill: (f: DashboardFilter, measure: string, page: number) =>
    ['dashboard', 'drill', f, measure, page] as const,
};

const get = <T>(
  path: string,
  f: DashboardFilter,
  signal?: AbortSignal,
  extra: Record<string, string | number> = {},
) => api<T>('GET', `/api/dashboard/${path}${query({ ...f, ...extra })}`, undefined, { signal });

export const fetchKpis = (f: DashboardFilter, signal?: AbortSignal) => get<Kpis>('kpis', f, signal);
export const fetchTrend = (f: DashboardFilter, signal?: AbortSignal) => get<Trend>('trend', f, signal);
export const fetchDensity = (f: DashboardFilter, signal?: AbortSignal) => get<DensityMap>('map', f, signal);
export const fetchLive = (f: DashboardFilter, signal?: AbortSignal) => get<Live>('live', f, signal);
export const fetchDrill = (f: DashboardFilter, measure: DrillMeasure, page: number, signal?: AbortSignal) =>
  get<Drill>('matters', f, signal, { measure, page, pageSize: 20 });
