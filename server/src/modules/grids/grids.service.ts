import type { GridDetail, GridSummary, LocateResult } from '../../../../core/contracts/grids';
import type { GridGeometry } from '../../../../core/domain/geo/geometry';
import { type PlaceName, placeNames } from '../../../../core/domain/geo/place-names';
import { AppError } from '../../../../core/errors';
import { assertWithin, jurisdictionOf, requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { getCounty, gridRevisions } from '../counties/counties.service';
import { write } from '../events/write';
import { getOrgRow } from '../orgs/orgs.service';
import { type GridIndexCache, gridIndexCacheFor, type IndexedGrid } from './grid-index-cache';
import { toGridDetail, toGridSummary } from './grids.presenter';
import * as repo from './grids.repo';

export async function listGrids(
  deps: Deps,
  ctx: RequestCtx,
  q: { page: number; pageSize: number; q?: string | undefined; orgId?: string | undefined },
) {
  const actor = requirePermission(ctx, 'grid.read');
  const j = jurisdictionOf(actor);
  const orgPath = q.orgId ? await scopedOrgPath(deps, ctx, q.orgId) : undefined;
  const { rows, total } = await repo.list(
    deps.database.db,
    { countyCode: j.countyCode, path: j.orgPath, q: q.q, orgPath },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  const workers = await repo.workersOf(
    deps.database.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toGridSummary(r, workers.get(r.id) ?? [])),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function scopedOrgPath(deps: Deps, ctx: RequestCtx, orgId: string): Promise<string> {
  const actor = requirePermission(ctx, 'grid.read');
  const org = await getOrgRow(deps, orgId);
  if (!org) throw new AppError('NOT_FOUND');
  assertWithin(actor, org.countyCode, org.path);
  return org.path;
}

async function visibleGrid(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  action: 'grid.read' | 'grid.assign_worker',
) {
  const actor = requirePermission(ctx, action);
  const row = await repo.byId(deps.database.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  assertWithin(actor, row.countyCode, row.orgPath);
  return { actor, row };
}

export async function getGrid(deps: Deps, ctx: RequestCtx, id: string): Promise<GridDetail> {
  const { row } = await visibleGrid(deps, ctx, id, 'grid.read');
  const workers = await repo.workersOf(deps.database.db, [id]);
  return toGridDetail(row, workers.get(id) ?? []);
}

export async function gridFeatures(deps: Deps, ctx: RequestCtx, orgId: string | undefined) {
  const actor = requirePermission(ctx, 'grid.read');
  const j = jurisdictionOf(actor);
  const orgPath = orgId ? await scopedOrgPath(deps, ctx, orgId) : undefined;
  const rows = await repo.features(deps.database.db, { countyCode: j.countyCode, path: j.orgPath, orgPath });
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      properties: { code: r.code, name: r.name, villageName: r.villageName, townName: r.townName },
      geometry: r.geometry,
    })),
  };
}

/** Assigns grid workers: each must hold the grid_worker role and work in the grid's village or town. */
export async function setGridWorkers(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  userIds: string[],
): Promise<GridSummary> {
  const { actor, row } = await visibleGrid(deps, ctx, id, 'grid.assign_worker');
  const wanted = [...new Set(userIds)];
  const candidates = await repo.workerCandidates(deps.database.db, wanted);
  const townPath = `${row.orgPath.split('/').slice(0, -2).join('/')}/`;
  for (const uid of wanted) {
    const c = candidates.find((x) => x.id === uid);
    if (!c || c.countyCode !== actor.countyCode || !c.orgPath.startsWith(actor.orgPath ?? '\0')) {
      throw new AppError('NOT_FOUND', '未找到该网格员，或您无权指派。', { userId: uid });
    }
    if (!c.isGridWorker || c.disabled) {
      throw new AppError('UNPROCESSABLE', '只能指派在岗的网格员。', { userId: uid });
    }
    const inTown =
      c.orgPath === townPath || row.orgPath.startsWith(c.orgPath) || c.orgPath.startsWith(row.orgPath);
    if (!inTown)
      throw new AppError('UNPROCESSABLE', '网格员须属于该网格所在的村（社区）或镇（街道）。', {
        userId: uid,
      });
  }
  const before = (await repo.workersOf(deps.database.db, [id])).get(id) ?? [];
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.replaceWorkers(tx, id, row.countyCode, wanted, deps.clock.now());
    await event({
      countyCode: row.countyCode,
      action: 'grid.workers_assigned',
      objectType: 'grid',
      objectId: id,
      before: { userIds: before.map((w) => w.id) },
      after: { userIds: wanted },
    });
  });
  const workers = await repo.workersOf(deps.database.db, [id]);
  return toGridSummary(row, workers.get(id) ?? []);
}

export async function loadIndexItems(deps: Deps, countyCode: string): Promise<IndexedGrid[]> {
  const rows = await repo.indexItems(deps.database.db, countyCode);
  return rows.map((r) => ({ ...r, geometry: r.geometry as GridGeometry }));
}

/** Point → grid → village → town (public: it is on the intake hot path and holds no personal data). */
export async function locate(
  deps: Deps,
  cache: GridIndexCache,
  lng: number,
  lat: number,
): Promise<LocateResult> {
  for (const [countyCode, index] of await cache.indexes()) {
    const hit = index.locate(lng, lat);
    if (!hit) continue;
    const county = await getCounty(deps, countyCode);
    return {
      county: { code: countyCode, name: county?.name ?? countyCode },
      town: hit.town,
      village: hit.village,
      grid: { id: hit.id, code: hit.code, name: hit.name },
    };
  }
  throw new AppError(
    'OUTSIDE_COUNTY',
    `该位置（${lng.toFixed(6)}, ${lat.toFixed(6)}）不在本系统服务的县（区）范围内。`,
  );
}

/** For the demo seed, inside its transaction: every grid of each village to the given workers. */
export async function assignVillageWorkers(
  ex: Executor,
  countyCode: string,
  rootPath: string,
  assignments: { villageId: string; userId: string }[],
  at: Date,
): Promise<void> {
  const { rows } = await repo.list(ex, { countyCode, path: rootPath }, 1_000_000, 0);
  const byVillage = new Map<string, string[]>();
  for (const g of rows) byVillage.set(g.village.id, [...(byVillage.get(g.village.id) ?? []), g.id]);
  await repo.insertWorkers(
    ex,
    assignments.flatMap((a) =>
      (byVillage.get(a.villageId) ?? []).map((gridId) => ({
        gridId,
        userId: a.userId,
        countyCode,
        assignedAt: at,
      })),
    ),
  );
}

/** Point → grid, village and town, or null outside every county (for intake). */
export async function placeOfPoint(deps: Deps, lng: number, lat: number) {
  for (const [countyCode, index] of await gridIndexCacheFor(deps).indexes()) {
    const hit = index.locate(lng, lat);
    if (hit) return { countyCode, grid: hit };
  }
  return null;
}

export async function gridName(deps: Deps, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await repo.byId(deps.database.db, id);
  return row?.name ?? null;
}

/** The grid worker's own grids, limited to their present jurisdiction (a move takes the old ones away). */
export async function myGrids(deps: Deps, ctx: RequestCtx) {
  const actor = requirePermission(ctx, 'grid.read');
  const j = jurisdictionOf(actor);
  return repo.gridsOfWorker(deps.database.db, actor.userId, j.countyCode, j.orgPath);
}

/** Each county's place names, worked out once per grid revision (an import bumps it). */
const placesMemo = new WeakMap<Deps['database'], Map<string, { revision: number; places: PlaceName[] }>>();

/** The towns' and villages' names and where to write them (public: the names are public facts). */
export async function placesOf(deps: Deps, countyCode: string): Promise<PlaceName[]> {
  const revision = (await gridRevisions(deps)).get(countyCode);
  if (revision === undefined) throw new AppError('NOT_FOUND');
  let memo = placesMemo.get(deps.database);
  if (!memo) {
    memo = new Map();
    placesMemo.set(deps.database, memo);
  }
  const hit = memo.get(countyCode);
  if (hit && hit.revision === revision) return hit.places;
  const places = placeNames(await loadIndexItems(deps, countyCode));
  memo.set(countyCode, { revision, places });
  return places;
}
