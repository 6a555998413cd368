/** Reading matters: the queues, one matter, its notices, and the audited unmasking of parties. */

import { type MatterDetail, matterQueues } from '../../../../core/contracts/matters';
import { maskIdentityInText } from '../../../../core/domain/masking';
import type { Actor as LifecycleActor } from '../../../../core/domain/matters/commands';
import { can } from '../../../../core/domain/permissions';
import { endOfLocalDay, toLocalDate } from '../../../../core/domain/time-limits/local-date';
import { AppError } from '../../../../core/errors';
import { jurisdictionOf, requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { requireStepUp } from '../auth/two-factor.service';
import { countyCatalog } from '../config/catalog.service';
import { recordEvent } from '../events/events.service';
import { gridName } from '../grids/grids.service';
import { orgRowsByIds } from '../orgs/orgs.service';
import * as lookup from './lookup.repo';
import { timelineOrgIds, toMatterDetail, toMatterSummary } from './matters.presenter';
import * as repo from './matters.repo';
import { orgRefOf } from './org-refs';
import { piiHash } from './pii';
import { portsOf } from './ports';
import { canSeeMatter, identityHiddenFrom, mayUnmask } from './visibility';

function staff(ctx: RequestCtx): Actor {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'matter.work')) throw new AppError('FORBIDDEN');
  return actor;
}

async function summaries(deps: Deps, rows: repo.MatterRow[]) {
  // Read county by county (a list is of one county; a drill-down may span several): each statement
  // names its county, so on Citus it goes to that county's shard only.
  const byCounty = new Map<string, string[]>();
  for (const r of rows) byCounty.set(r.countyCode, [...(byCounty.get(r.countyCode) ?? []), r.id]);
  const perCounty = [...byCounty];
  const deadlines = (
    await Promise.all(perCounty.map(([c, cIds]) => repo.deadlinesOf(deps.database.db, c, cIds)))
  ).flat();
  const sup = (
    await Promise.all(perCounty.map(([c, cIds]) => repo.supervisionOf(deps.database.db, c, cIds)))
  ).flat();
  const orgIds = rows.flatMap((r) =>
    [r.ownerOrgId, r.pendingOrgId, r.townId, r.villageId].filter((x): x is string => !!x),
  );
  const orgs = await orgRowsByIds(deps, [...orgIds, ...deadlines.map((d) => d.orgId)]);
  const names = new Map([...orgs].map(([k, v]) => [k, v.name]));
  const now = deps.clock.now();
  const categories = await categoriesByCounty(deps, rows);
  const partyNames = new Map<string, string[]>();
  for (const [c, cIds] of perCounty) {
    for (const [k, v] of await repo.partyNamesByMatter(deps.database.db, c, piiCipher(deps.config), cIds)) {
      partyNames.set(k, v);
    }
  }
  return rows.map((m) =>
    toMatterSummary({
      m,
      owner: orgs.get(m.ownerOrgId)!,
      pending: m.pendingOrgId ? (orgs.get(m.pendingOrgId) ?? null) : null,
      town: m.townId ? (orgs.get(m.townId)?.name ?? null) : null,
      village: m.villageId ? (orgs.get(m.villageId)?.name ?? null) : null,
      deadlines: deadlines.filter((d) => d.matterId === m.id),
      supervised: sup.some((s) => s.matterId === m.id && !s.answeredAt),
      orgNames: names,
      now,
      categories: categories.get(m.countyCode),
      partyNames: partyNames.get(m.id) ?? [],
    }),
  );
}

/**
 * Matters of the actor's jurisdiction with a party of this phone or ID number, found through the
 * keyed hash (a blind index: the stored numbers are sealed). At most 50, newest first; none is 404.
 */
export async function searchByIdentity(deps: Deps, ctx: RequestCtx, term: string) {
  const actor = staff(ctx);
  const j = jurisdictionOf(actor);
  const hashes = [
    piiHash(deps.config.piiHashKey, 'phone', term),
    piiHash(deps.config.piiHashKey, 'id', term),
  ];
  const rows = (
    await lookup.byPartyHashes(
      deps.database.db,
      j.countyCode,
      hashes.filter((h) => h !== null),
    )
  )
    .filter((m) => canSeeMatter(actor, m))
    .slice(0, 50);
  // Nothing inside the jurisdiction answers as nothing at all (no oracle for matters elsewhere).
  if (!rows.length) throw new AppError('NOT_FOUND');
  return { items: await summaries(deps, rows), total: rows.length, page: 1, pageSize: 50 };
}

/** Each county's categories in force (retired ones included: old matters still carry them). */
async function categoriesByCounty(deps: Deps, rows: { countyCode: string }[]) {
  const out = new Map<string, Awaited<ReturnType<typeof countyCatalog>>['categories']>();
  for (const c of new Set(rows.map((r) => r.countyCode)))
    out.set(c, (await countyCatalog(deps.database.db, c)).categories);
  return out;
}

export async function listMatters(
  deps: Deps,
  ctx: RequestCtx,
  q: {
    page: number;
    pageSize: number;
    queue: string;
    q?: string | undefined;
    kind?: string | undefined;
    status?: string | undefined;
    gridId?: string | undefined;
  },
) {
  const { rows, total } = await repo.list(
    deps.database.db,
    { ...queueFrame(deps, ctx), queue: q.queue, q: q.q, kind: q.kind, status: q.status, gridId: q.gridId },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: await summaries(deps, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Who is asking and when: the visibility and the clock every queue is read against. */
function queueFrame(deps: Deps, ctx: RequestCtx) {
  const actor = staff(ctx);
  const j = jurisdictionOf(actor);
  const now = deps.clock.now();
  return {
    countyCode: j.countyCode,
    path: j.orgPath,
    orgId: actor.orgId!,
    userId: actor.userId,
    now,
    soon: new Date(now.getTime() + 3 * 86_400_000),
    endOfToday: endOfLocalDay(toLocalDate(now)),
  };
}

/** How many matters each queue holds for this user (the tabs and the workbench home). */
export async function countQueues(deps: Deps, ctx: RequestCtx) {
  return repo.queueCounts(deps.database.db, queueFrame(deps, ctx), matterQueues);
}

/**
 * Summaries of matters found elsewhere (the dashboard's drill-down), in the order given. The caller
 * has already limited the ids to the actor's jurisdiction; this checks visibility again per matter.
 */
export async function summariesByIds(deps: Deps, ctx: RequestCtx, ids: string[]) {
  const actor = requireActor(ctx);
  const found = await repo.byIds(deps.database.db, actor.countyCode, ids);
  const byId = new Map(found.filter((m) => canSeeMatter(actor, m)).map((m) => [m.id, m]));
  return summaries(
    deps,
    ids.map((id) => byId.get(id)).filter((m): m is repo.MatterRow => !!m),
  );
}

async function visibleMatter(deps: Deps, actor: Actor, id: string) {
  const m = await repo.byId(deps.database.db, actor.countyCode, id);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  return m;
}

export async function getMatter(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  unmask = false,
): Promise<MatterDetail> {
  const actor = staff(ctx);
  const m = await visibleMatter(deps, actor, id);
  const hidden = identityHiddenFrom(actor, m);
  // Full identity only for the named roles of the owning (or receiving) org who ask for it, and never
  // for the org complained about; every such read is in the event log (docs/SECURITY.md G4).
  const unmaskable = mayUnmask(actor, m);
  if (unmask && !unmaskable) {
    throw new AppError('FORBIDDEN', '只有责任单位的受理员、承办人、调解员和领导可以查看当事人完整信息。');
  }
  if (unmask) await requireStepUp(deps, ctx);
  const partyMode = hidden ? 'hidden' : unmask ? 'full' : 'masked';
  if (unmask) {
    await deps.database.transaction((tx) =>
      recordEvent(tx, ctx, deps.clock, {
        countyCode: m.countyCode,
        action: 'matter.pii_read',
        objectType: 'matter',
        objectId: m.id,
        reason: 'unmask parties',
      }),
    );
    deps.kickSealer();
  }
  // Each related table is read once, side by side, and every org the page names in one lookup: the
  // detail answers every action, so its round trips are the write path's too.
  const [deadlines, supervision, parties, notices, timeline] = await Promise.all([
    repo.deadlinesOf(deps.database.db, m.countyCode, [m.id]),
    repo.supervisionOf(deps.database.db, m.countyCode, [m.id]),
    repo.partiesOf(deps.database.db, m.countyCode, piiCipher(deps.config), m.id),
    repo.noticesOf(deps.database.db, m.countyCode, m.id),
    repo.timelineOf(deps.database.db, m.countyCode, m.id),
  ]);
  return presentDetail(
    deps,
    actor,
    m,
    { deadlines, supervision, parties, notices, timeline },
    partyMode,
    unmaskable,
  );
}

/** A matter's rows, as read back or as just written. */
export interface MatterRows {
  deadlines: repo.DeadlineRow[];
  supervision: repo.SupervisionRow[];
  parties: repo.PartyRow[];
  notices: repo.NoticeRow[];
  timeline: Awaited<ReturnType<typeof repo.timelineOf>>;
}

/**
 * Intake's 201: the detail of the matter the clerk has just registered, from the rows the intake wrote
 * (RETURNING) instead of reading them all back; the same presentation as getMatter.
 */
export async function matterDetailOfWritten(
  deps: Deps,
  ctx: RequestCtx,
  m: repo.MatterRow,
  rows: MatterRows,
): Promise<MatterDetail> {
  const actor = staff(ctx);
  if (!canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  const partyMode = identityHiddenFrom(actor, m) ? 'hidden' : 'masked';
  return presentDetail(deps, actor, m, rows, partyMode, mayUnmask(actor, m));
}

async function presentDetail(
  deps: Deps,
  actor: Actor,
  m: repo.MatterRow,
  { deadlines, supervision, parties, notices, timeline }: MatterRows,
  partyMode: 'hidden' | 'full' | 'masked',
  unmaskable: boolean,
): Promise<MatterDetail> {
  const coHandlerIds = m.state.coHandlers.map((c) => c.org.id);
  const [grid, orgs] = await Promise.all([
    gridName(deps, m.gridId),
    orgRowsByIds(deps, [
      ...[m.ownerOrgId, m.pendingOrgId, m.townId, m.villageId, actor.orgId].filter((x): x is string => !!x),
      ...deadlines.map((d) => d.orgId),
      ...coHandlerIds,
      ...timelineOrgIds(timeline),
    ]),
  ]);
  const actorOrg = actor.orgId ? orgs.get(actor.orgId) : undefined;
  const viewer: LifecycleActor = actorOrg
    ? { type: 'staff', userId: actor.userId, roles: actor.roles, org: orgRefOf(actorOrg) }
    : { type: 'resident', userId: null };
  return toMatterDetail({
    m,
    owner: orgs.get(m.ownerOrgId)!,
    pending: m.pendingOrgId ? (orgs.get(m.pendingOrgId) ?? null) : null,
    town: m.townId ? (orgs.get(m.townId)?.name ?? null) : null,
    village: m.villageId ? (orgs.get(m.villageId)?.name ?? null) : null,
    deadlines,
    supervised: supervision.some((s) => !s.answeredAt),
    orgNames: new Map([...orgs].map(([k, v]) => [k, v.name])),
    now: deps.clock.now(),
    categories: (await categoriesByCounty(deps, [m])).get(m.countyCode),
    parties,
    partyMode,
    viewerMayUnmask: unmaskable,
    gridName: grid,
    notices,
    supervision,
    timeline,
    viewer,
    coHandlerOrgs: new Map(
      coHandlerIds.flatMap((id) => (orgs.has(id) ? [[id, orgs.get(id)!] as const] : [])),
    ),
    agreements:
      m.state.petition?.ending === 'mediation'
        ? await portsOf(deps).mediation.effectiveAgreements(deps, m)
        : [],
  });
}

export async function getNotice(deps: Deps, ctx: RequestCtx, matterId: string, noticeId: string) {
  const actor = staff(ctx);
  const m = await visibleMatter(deps, actor, matterId);
  const n = await repo.noticeById(deps.database.db, m.countyCode, noticeId);
  if (!n || n.matterId !== m.id) throw new AppError('NOT_FOUND');
  // A notice names the party it is served on: in full for those who serve it (the unmask right at
  // the owning org; printing it is recorded), masked for every other reader (G4).
  const names = mayUnmask(actor, m)
    ? null
    : ((await repo.partyNamesByMatter(deps.database.db, m.countyCode, piiCipher(deps.config), [m.id])).get(
        m.id,
      ) ?? []);
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    servedAt: n.servedAt.toISOString(),
    lines: names ? n.body.lines.map((l) => maskIdentityInText(l, names)) : n.body.lines,
    matterCode: m.code,
  };
}

/**
 * Matters for another module (deliberation puts them on agendas): every id must be a matter the
 * actor sees, else NOT_FOUND as for a missing one.
 */
export async function visibleMatterRows(deps: Deps, actor: Actor, ids: string[]): Promise<repo.MatterRow[]> {
  const rows = await repo.byIds(deps.database.db, actor.countyCode, [...new Set(ids)]);
  if (rows.length !== new Set(ids).size || rows.some((m) => !canSeeMatter(actor, m))) {
    throw new AppError('NOT_FOUND');
  }
  return rows;
}

/** Rows by id without a visibility check: for progress of tasks the caller already may show. */
export async function matterRowsByIds(
  deps: Deps,
  county: string,
  ids: string[],
  /** Inside a transaction pass it (PGlite has one connection). */
  ex: Executor = deps.database.db,
): Promise<repo.MatterRow[]> {
  return repo.byIds(ex, county, [...new Set(ids)]);
}

/** Each matter's party names: public surfaces mask them where typed into free text (G4). */
export async function partyNamesByMatter(
  deps: Deps,
  county: string,
  ids: string[],
): Promise<Map<string, string[]>> {
  return repo.partyNamesByMatter(deps.database.db, county, piiCipher(deps.config), ids);
}

/** Names of the parties of some matters: publication refuses text that carries them. */
export async function partyNamesOf(deps: Deps, county: string, ids: string[]): Promise<string[]> {
  return repo.partyNamesOf(deps.database.db, county, piiCipher(deps.config), ids);
}

export type { MatterRow } from './matters.repo';
export { canSeeMatter } from './visibility';
