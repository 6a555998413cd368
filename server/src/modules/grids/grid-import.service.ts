/**
 * Imports a county's grids from GeoJSON. The whole file is checked first (core/domain/geo/
 * validate-grids): any invalid or overlapping polygon, polygon outside the county, or grid of an
 * unknown village rejects the file with a precise message per feature, and nothing is imported.
 * A valid file replaces the county's grids in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { type GridGeometry, geometryBbox } from '../../../../core/domain/geo/geometry';
import { type Problem, validateGridImport } from '../../../../core/domain/geo/validate-grids';
import { shortOrgName } from '../../../../core/domain/orgs';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { bumpGridRevision, countyInTx } from '../counties/counties.service';
import { recordEvent } from '../events/events.service';
import * as repo from './grids.repo';

export interface GridImportOutcome {
  imported: number;
  warnings: Problem[];
}

export async function importGrids(
  deps: Deps,
  ctx: RequestCtx,
  countyCode: string,
  input: unknown,
  opts: { generated?: boolean; tx?: Tx } = {},
): Promise<GridImportOutcome> {
  const run = async (tx: Tx): Promise<GridImportOutcome> => {
    const county = await countyInTx(tx, countyCode);
    if (!county) throw new AppError('NOT_FOUND', `未找到县（区）${countyCode}，请先导入区划。`);
    if (!county.boundary)
      throw new AppError('UNPROCESSABLE', `县（区）${county.name} 还没有边界，无法校验网格。`);
    const villages = await repo.villagesOf(tx, countyCode);
    const byCode = new Map(villages.filter((v) => v.code).map((v) => [v.code as string, v]));
    const result = validateGridImport(input, { outline: county.boundary as GridGeometry, villages: byCode });
    if (!result.ok) {
      throw new AppError('IMPORT_REJECTED', `网格文件有 ${result.problems.length} 处错误，未导入任何网格。`, {
        problems: result.problems,
      });
    }
    const now = deps.clock.now();
    await repo.deleteCountyGrids(tx, countyCode);
    await repo.insertMany(
      tx,
      result.grids.map((g) => {
        const v = byCode.get(g.villageCode)!;
        const [minLng, minLat, maxLng, maxLat] = geometryBbox(g.geometry);
        return {
          id: randomUUID(),
          countyCode,
          code: g.code,
          name: g.name ?? `${shortOrgName(g.code)}网格`,
          villageId: v.id,
          orgPath: v.path,
          geometry: g.geometry,
          minLng,
          minLat,
          maxLng,
          maxLat,
          generated: opts.generated ?? false,
          createdAt: now,
        };
      }),
    );
    await bumpGridRevision(tx, countyCode);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode,
      action: 'grids.imported',
      objectType: 'county',
      objectId: countyCode,
      after: {
        grids: result.grids.length,
        generated: opts.generated ?? false,
        warnings: result.warnings.length,
      },
    });
    return { imported: result.grids.length, warnings: result.warnings };
  };
  const outcome = opts.tx ? await run(opts.tx) : await deps.database.transaction(run);
  deps.kickSealer();
  return outcome;
}
