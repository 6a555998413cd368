import type { z } from 'zod';
import type { RegionQuery, regionResponseSchema } from '../../../core/contracts/region';
import { api, query } from './client';

export type RegionOverview = z.infer<typeof regionResponseSchema>;
export type { RegionQuery };

export const regionKeys = { overview: (q: Partial<RegionQuery>) => ['region', q] as const };

export const fetchRegion = (q: Partial<RegionQuery>, signal?: AbortSignal) =>
  api<RegionOverview>('GET', `/api/dashboard/region${query(q)}`, undefined, { signal });
