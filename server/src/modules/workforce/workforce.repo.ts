/**
 * The workforce module's queries. It reads the field kit's logs and reports and the grids' worker
 * assignments (read-only, for the roster and the assessment) and, inside a hand-over's transaction,
 * moves the assignments and follow-ups; the statuses, follow-ups and town points are its own tables.
 */
import { and, asc, eq, gte, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  assessmentPoints,
  fieldLogs,
  fieldReports,
  grids,
  gridWorkers,
  matterFollowers,
  matters,
  orgs,
  userRoles,
  users,
  workerStatuses,
} from '../../db/schema';
import { underPath } from '../orgs/orgs.repo';

/** Matter statuses after which a follow-up has nothing left to do (as the field kit's home). */
export const finishedStatuses = [
  'answered',
  'rated',
  'followed_up',
  'archived',
  'voided',
  'merged',
  'not_accepted',
  'channelled',
  'referred_to_court',
];

export interface WorkerRow {
  userId: string;
  countyCode: string;
  displayName: string;
  phone: string | null;
  orgId: string;
  orgName: string;
  orgPath: string;
  isGridWorker: boolean;
  status: string | null;
  since: Date | null;
  reason: string | null;
  handedTo: string | null;
}

const workerCols = {
  userId: users.id,
  countyCode: users.countyCode,
  displayName: users.displayName,
  phone: users.phone,
  orgId: orgs.id,
  orgName: orgs.name,
  orgPath: orgs.path,
  isGridWorker: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'grid_worker')`,
  status: workerStatuses.status,
  since: workerStatuses.since,
  reason: workerStatuses.reason,
  handedTo: workerStatuses.handedTo,
};

/** Grid workers, and those who were (a status row), of the subtree. */
export async function workersUnder(ex: Executor, countyCode: string, path: string): Promise<WorkerRow[]> {
  return ex
    .select(workerCols)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .leftJoin(workerStatuses, eq(workerStatuses.userId, users.id))
    .where(
      and(
        eq(users.countyCode, countyCode),
        underPath(path),
        or(
          sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'grid_worker')`,
          sql`${workerStatuses.userId} is not null`,
        ),
      ),
    )
    .orderBy(asc(orgs.path), asc(users.displayName));
}

export async function workerById(ex: Executor, id: string): Promise<WorkerRow | undefined> {
  const [r] = await ex
    .select(workerCols)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .leftJoin(workerStatuses, eq(workerStatuses.userId, users.id))
    .where(eq(users.id, id));
  return r;
}

export async function gridsOf(ex: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ex
    .select({ userId: gridWorkers.userId, id: grids.id, code: grids.code, name: grids.name })
    .from(gridWorkers)
    .innerJoin(grids, eq(grids.id, gridWorkers.gridId))
    .where(inArray(gridWorkers.userId, userIds))
    .orderBy(asc(grids.code));
}

/** One county's open follow-ups of these workers (joined on county: a follow-up and its matter share a shard). */
export async function openFollowUps(ex: Executor, countyCode: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ex
    .select({ userId: matterFollowers.userId, matterId: matterFollowers.matterId })
    .from(matterFollowers)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, matterFollowers.countyCode), eq(matters.id, matterFollowers.matterId)),
    )
    .where(
      and(
        eq(matterFollowers.countyCode, countyCode),
        inArray(matterFollowers.userId, userIds),
        notInArray(matters.status, finishedStatuses),
      ),
    );
}

export async function follow(
  ex: Executor,
  row: { countyCode: string; matterId: string; userId: string; since: Date },
): Promise<void> {
  await ex.insert(matterFollowers).values(row).onConflictDoNothing();
}

/** Locks the two accounts so that two hand-overs of the same worker run one after the other. */
export async function lockUsers(ex: Executor, ids: string[]): Promise<void> {
  await ex
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.id, [...ids].sort()))
    .orderBy(asc(users.id))
    .for('update');
}

/** Moves every grid of `from` to `to` (a grid both held stays once, with `to`). */
export async function moveGrids(ex: Executor, from: string, to: string, at: Date): Promise<string[]> {
  const held = await ex
    .select({ gridId: gridWorkers.gridId, countyCode: gridWorkers.countyCode })
    .from(gridWorkers)
    .where(eq(gridWorkers.userId, from));
  if (held.length > 0) {
    await ex
      .insert(gridWorkers)
      .values(held.map((h) => ({ gridId: h.gridId, countyCode: h.countyCode, userId: to, assignedAt: at })))
      .onConflictDoNothing();
    await ex.delete(gridWorkers).where(eq(gridWorkers.userId, from));
  }
  return held.map((h) => h.gridId);
}

/** Moves the open follow-ups of `from` to `to`; finished ones stay his, as history. */
export async function moveFollowUps(
  ex: Executor,
  countyCode: string,
  from: string,
  to: string,
  at: Date,
): Promise<string[]> {
  const open = await openFollowUps(ex, countyCode, [from]);
  const ids = open.map((o) => o.matterId);
  if (ids.length > 0) {
    await ex
      .update(matterFollowers)
      .set({ userId: to, since: at })
      .where(
        and(
          eq(matterFollowers.countyCode, countyCode),
          eq(matterFollowers.userId, from),
          inArray(matterFollowers.matterId, ids),
        ),
      );
  }
  return ids;
}

export async function setStatus(ex: Executor, row: typeof workerStatuses.$inferInsert): Promise<void> {
  await ex
    .insert(workerStatuses)
    .values(row)
    .onConflictDoUpdate({
      target: workerStatuses.userId,
      set: {
        status: row.status,
        since: row.since,
        reason: row.reason,
        handedTo: row.handedTo,
        updatedBy: row.updatedBy,
      },
    });
}

export async function dropGridWorkerRole(ex: Executor, userId: string): Promise<void> {
  await ex.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'grid_worker')));
}

export async function logsBetween(ex: Executor, countyCode: string, userIds: string[], from: Date, to: Date) {
  if (userIds.length === 0) return [];
  return ex
    .select({
      userId: fieldLogs.userId,
      kind: fieldLogs.kind,
      happenedAt: fieldLogs.happenedAt,
      matterId: fieldLogs.matterId,
    })
    .from(fieldLogs)
    .where(
      and(
        eq(fieldLogs.countyCode, countyCode),
        inArray(fieldLogs.userId, userIds),
        gte(fieldLogs.happenedAt, from),
        lt(fieldLogs.happenedAt, to),
      ),
    );
}

/** A county's grid reports with their matter's status (joined on county: a report and its matter share a shard). */
export async function reportsBetween(
  ex: Executor,
  countyCode: string,
  userIds: string[],
  from: Date,
  to: Date,
) {
  if (userIds.length === 0) return [];
  return ex
    .select({
      userId: fieldReports.userId,
      madeAt: fieldReports.madeAt,
      receivedAt: fieldReports.createdAt,
      status: matters.status,
    })
    .from(fieldReports)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, fieldReports.countyCode), eq(matters.id, fieldReports.matterId)),
    )
    .where(
      and(
        eq(fieldReports.countyCode, countyCode),
        inArray(fieldReports.userId, userIds),
        gte(fieldReports.madeAt, from),
        lt(fieldReports.madeAt, to),
      ),
    );
}

export async function pointsOf(ex: Executor, userIds: string[], period: string) {
  if (userIds.length === 0) return [];
  return ex
    .select()
    .from(assessmentPoints)
    .where(and(inArray(assessmentPoints.userId, userIds), eq(assessmentPoints.period, period)));
}

export async function upsertPoints(ex: Executor, row: typeof assessmentPoints.$inferInsert) {
  const [before] = await ex
    .select()
    .from(assessmentPoints)
    .where(and(eq(assessmentPoints.userId, row.userId), eq(assessmentPoints.period, row.period)));
  await ex
    .insert(assessmentPoints)
    .values(row)
    .onConflictDoUpdate({
      target: [assessmentPoints.userId, assessmentPoints.period],
      set: { points: row.points, note: row.note, enteredBy: row.enteredBy, enteredAt: row.enteredAt },
    });
  return before;
}

export async function orgNames(ex: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await ex.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function userNames(ex: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await ex
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
