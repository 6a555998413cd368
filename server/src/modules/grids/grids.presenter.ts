import type { GridDetail, GridSummary } from '../../../../core/contracts/grids';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { GridSummaryRow } from './grids.repo';

type Worker = { id: string; displayName: string };

export function toGridSummary(r: GridSummaryRow, workers: Worker[]): GridSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    countyCode: r.countyCode,
    village: toOrgRef(r.village),
    town: toOrgRef(r.town),
    workers,
    generated: r.generated,
  };
}

export function toGridDetail(
  r: GridSummaryRow & { geometry: GridDetail['geometry'] },
  workers: Worker[],
): GridDetail {
  return { ...toGridSummary(r, workers), geometry: r.geometry };
}
