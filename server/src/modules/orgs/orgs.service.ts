import { randomUUID } from 'node:crypto';
import type {
  CreateOrgBody,
  OrgDetail,
  OrgSummary,
  OrgTreeNode,
  UpdateOrgBody,
} from '../../../../core/contracts/orgs';
import { pathIds } from '../../../../core/domain/jurisdiction';
import { allowedChildKinds, isTerritorial, type OrgKind, orgKindLabels } from '../../../../core/domain/orgs';
import { AppError } from '../../../../core/errors';
import { assertWithin, jurisdictionOf, requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { inStampedScope, StampedCache } from '../../db/stamped-cache';
import { write } from '../events/write';
import { toOrgDetail, toOrgSummary } from './orgs.presenter';
import * as repo from './orgs.repo';

const kindOrder: Record<string, number> = {
  district: 0,
  town: 1,
  village: 2,
  department: 3,
  unit: 4,
  mediation_committee: 5,
  mediation_room: 6,
  social_org: 7,
};

function sortOrgs(a: repo.OrgRow, b: repo.OrgRow): number {
  return (
    (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) ||
    (a.divisionCode ?? '').localeCompare(b.divisionCode ?? '') ||
    a.name.localeCompare(b.name, 'zh-CN')
  );
}

export async function orgTree(deps: Deps, ctx: RequestCtx): Promise<OrgTreeNode> {
  const actor = requirePermission(ctx, 'org.read');
  const j = jurisdictionOf(actor);
  const rows = await repo.subtree(deps.database.db, j.countyCode, j.orgPath);
  const nodes = new Map<string, OrgTreeNode & { row: repo.OrgRow }>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      name: r.name,
      kind: r.kind as OrgKind,
      divisionCode: r.divisionCode,
      children: [],
      row: r,
    });
  }
  let root: (OrgTreeNode & { row: repo.OrgRow }) | undefined;
  for (const n of nodes.values()) {
    const parent = n.row.parentId ? nodes.get(n.row.parentId) : undefined;
    if (parent && n.row.path !== j.orgPath) parent.children.push(n);
    else if (n.row.path === j.orgPath) root = n;
  }
  if (!root) throw new AppError('NOT_FOUND');
  const strip = (n: OrgTreeNode & { row: repo.OrgRow }): OrgTreeNode => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    divisionCode: n.divisionCode,
    children: (n.children as (OrgTreeNode & { row: repo.OrgRow })[])
      .sort((a, b) => sortOrgs(a.row, b.row))
      .map(strip),
  });
  return strip(root);
}

async function ancestorsOf(deps: Deps, rows: repo.OrgRow[]): Promise<Map<string, repo.OrgRow>> {
  const ids = new Set<string>();
  for (const r of rows) for (const id of pathIds(r.path).slice(0, -1)) ids.add(id);
  const found = await repo.byIds(deps.database.db, [...ids]);
  return new Map(found.map((o) => [o.id, o]));
}

function namesOnPath(row: repo.OrgRow, byId: Map<string, repo.OrgRow>): repo.OrgRow[] {
  return pathIds(row.path)
    .slice(0, -1)
    .map((id) => byId.get(id))
    .filter((o): o is repo.OrgRow => !!o);
}

export async function searchOrgs(
  deps: Deps,
  ctx: RequestCtx,
  q: { q?: string | undefined; parentId?: string | undefined; kind?: string | undefined; limit: number },
): Promise<OrgSummary[]> {
  const actor = requirePermission(ctx, 'org.read');
  const j = jurisdictionOf(actor);
  const rows = await repo.search(deps.database.db, { countyCode: j.countyCode, path: j.orgPath, ...q });
  const anc = await ancestorsOf(deps, rows);
  return rows.map((r) =>
    toOrgSummary(
      r,
      namesOnPath(r, anc).map((a) => a.name),
    ),
  );
}

async function visibleOrg(deps: Deps, ctx: RequestCtx, id: string, action: 'org.read' | 'org.manage') {
  const actor = requirePermission(ctx, action);
  const row = await repo.byId(deps.database.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  assertWithin(actor, row.countyCode, row.path);
  return { actor, row };
}

async function detail(deps: Deps, row: repo.OrgRow): Promise<OrgDetail> {
  const anc = await ancestorsOf(deps, [row]);
  return toOrgDetail(row, namesOnPath(row, anc), await repo.counts(deps.database.db, row));
}

export async function getOrg(deps: Deps, ctx: RequestCtx, id: string): Promise<OrgDetail> {
  const { row } = await visibleOrg(deps, ctx, id, 'org.read');
  return detail(deps, row);
}

export async function createOrg(deps: Deps, ctx: RequestCtx, body: CreateOrgBody): Promise<OrgDetail> {
  const { row: parent } = await visibleOrg(deps, ctx, body.parentId, 'org.manage');
  const kind = body.kind as OrgKind;
  if (!allowedChildKinds(parent.kind as OrgKind).includes(kind)) {
    throw new AppError(
      'UNPROCESSABLE',
      `${orgKindLabels[parent.kind as OrgKind]}下不能设立${orgKindLabels[kind]}。`,
      { parentKind: parent.kind, kind },
    );
  }
  const now = deps.clock.now();
  const id = randomUUID();
  const row: repo.NewOrg = {
    id,
    countyCode: parent.countyCode,
    parentId: parent.id,
    path: `${parent.path}${id}/`,
    kind,
    level: parent.level,
    name: body.name,
    divisionCode: null,
    centerName: null,
    synthetic: false,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insert(tx, row);
    await event({
      countyCode: parent.countyCode,
      action: 'org.created',
      objectType: 'org',
      objectId: id,
      after: { name: row.name, kind, parentId: parent.id },
    });
  });
  const created = await repo.byId(deps.database.db, id);
  if (!created) throw new AppError('INTERNAL');
  return detail(deps, created);
}

export async function updateOrg(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: UpdateOrgBody,
): Promise<OrgDetail> {
  const { actor, row } = await visibleOrg(deps, ctx, id, 'org.manage');
  const territorial = isTerritorial(row.kind as OrgKind);
  if (territorial && (body.name !== undefined || body.active !== undefined)) {
    // Division names and existence follow the national division codes, not local edits.
    throw new AppError('UNPROCESSABLE', '行政区划组织的名称和状态以国家区划代码为准，只能修改综治中心名称。');
  }
  if (row.path === actor.orgPath && body.active === false) {
    throw new AppError('UNPROCESSABLE', '不能停用自己所在的组织。');
  }
  const patch: Partial<Pick<repo.OrgRow, 'name' | 'centerName' | 'contact' | 'active'>> = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.centerName !== undefined) patch.centerName = body.centerName;
  if (body.contact !== undefined) patch.contact = body.contact;
  if (body.active !== undefined) patch.active = body.active;
  const updated = await write(deps, ctx, async ({ tx, event }) => {
    const u = await repo.update(tx, id, row.version, patch, deps.clock.now());
    if (!u) throw new AppError('CONFLICT');
    await event({
      countyCode: row.countyCode,
      action: 'org.updated',
      objectType: 'org',
      objectId: id,
      before: { name: row.name, centerName: row.centerName, contact: row.contact, active: row.active },
      after: { name: u.name, centerName: u.centerName, contact: u.contact, active: u.active },
    });
    return u;
  });
  return detail(deps, updated);
}

// Cached within a request scope only (db/stamped-cache.ts: the intake path); callers must not change the rows.
const orgById = new StampedCache<repo.OrgRow | undefined>('orgs');
const orgByCode = new StampedCache<repo.OrgRow | undefined>('orgs');

/** For other modules: the raw org row (they apply their own jurisdiction checks). */
export async function getOrgRow(
  deps: Deps,
  id: string,
  /** Inside a transaction pass it: PGlite has one connection, and a query beside the open transaction would wait forever. */
  ex: Executor = deps.database.db,
): Promise<repo.OrgRow | undefined> {
  return orgById.get(ex, id, () => repo.byId(ex, id));
}

/** For other modules' imports and seeds, inside their transaction. */
export async function insertOrgRows(ex: Executor, rows: repo.NewOrg[]): Promise<void> {
  await repo.insertMany(ex, rows);
}

export async function orgByDivisionCode(deps: Deps, code: string): Promise<repo.OrgRow | undefined> {
  return orgByCode.get(deps.database.db, code, () => repo.byDivisionCode(deps.database.db, code));
}

/** The county's active towns and villages with their division codes. */
export async function territorialOrgs(ex: Executor, countyCode: string): Promise<repo.OrgRow[]> {
  return repo.territorial(ex, countyCode);
}

export type { NewOrg, OrgRow } from './orgs.repo';

/** Children of an org whose name contains `name` (e.g. the district's 信访局). */
export async function searchChildren(deps: Deps, parent: repo.OrgRow, name: string, kind: string) {
  return repo.search(deps.database.db, {
    countyCode: parent.countyCode,
    path: parent.path,
    q: name,
    parentId: parent.id,
    kind,
    limit: 5,
  });
}

/** The 人民调解委员会 directly under an org (a village's or town's own committee), inside the caller's transaction. */
export async function committeesUnder(ex: Executor, parent: repo.OrgRow): Promise<repo.OrgRow[]> {
  return repo.search(ex, {
    countyCode: parent.countyCode,
    path: parent.path,
    parentId: parent.id,
    kind: 'mediation_committee',
    limit: 5,
  });
}

export async function orgRowsByIds(deps: Deps, ids: string[]): Promise<Map<string, repo.OrgRow>> {
  if (inStampedScope()) {
    // Intake's answer names the orgs intake has just looked up: all in the cache.
    const found = await Promise.all([...new Set(ids)].map((id) => getOrgRow(deps, id)));
    return new Map(found.flatMap((o) => (o ? [[o.id, o] as const] : [])));
  }
  const rows = await repo.byIds(deps.database.db, [...new Set(ids)]);
  return new Map(rows.map((o) => [o.id, o]));
}
