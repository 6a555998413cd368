import type { County } from '../../../../core/contracts/grids';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import * as repo from './counties.repo';

/** Counties served by this install: public, they hold no personal data. */
export async function listCounties(deps: Deps): Promise<County[]> {
  const rows = await repo.all(deps.database.db);
  const stats = await repo.stats(deps.database.db);
  return rows.map((c) => ({
    code: c.code,
    name: c.name,
    cityName: c.cityName,
    provinceName: c.provinceName,
    center: c.center ?? null,
    townCount: stats.get(c.code)?.towns ?? 0,
    villageCount: stats.get(c.code)?.villages ?? 0,
    gridCount: stats.get(c.code)?.grids ?? 0,
  }));
}

export async function countyBoundary(deps: Deps, code: string) {
  const c = await repo.byCode(deps.database.db, code);
  if (!c?.boundary) throw new AppError('NOT_FOUND', '未找到该县（区）的边界。');
  return {
    type: 'Feature' as const,
    properties: { code: c.code, name: c.name },
    geometry: c.boundary as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] },
  };
}

/**
 * The division codes of the counties this install serves (Open311 jurisdictions; the jobs that go
 * county by county, each statement on one county's shard). Inside a transaction pass it.
 */
export async function countyCodes(
  deps: Pick<Deps, 'database'>,
  ex: Executor = deps.database.db,
): Promise<string[]> {
  return repo.codes(ex);
}

export async function getCounty(deps: Deps, code: string) {
  return repo.byCode(deps.database.db, code);
}

export async function gridRevisions(deps: Deps) {
  return repo.revisions(deps.database.db);
}

/** For the grid import, inside its transaction. */
export async function countyInTx(ex: Executor, code: string) {
  return repo.byCode(ex, code);
}

export async function bumpGridRevision(ex: Executor, code: string): Promise<void> {
  await repo.bumpGridRevision(ex, code);
}
