/** The only code that touches the patrol roster, shift and 平安建设 attestation tables. */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { patrolRosters, patrolShifts, safetyAttestations } from '../../db/schema';

export type RosterRow = typeof patrolRosters.$inferSelect;
export type ShiftRow = typeof patrolShifts.$inferSelect;
export type AttestationRow = typeof safetyAttestations.$inferSelect;

async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  return ((await ex.execute(q)) as unknown as { rows: T[] }).rows;
}

export async function insertRoster(ex: Executor, row: RosterRow, shifts: ShiftRow[]): Promise<void> {
  await ex.insert(patrolRosters).values(row);
  await ex.insert(patrolShifts).values(shifts);
}

export async function rosterById(ex: Executor, county: string, id: string): Promise<RosterRow | undefined> {
  const [r] = await ex
    .select()
    .from(patrolRosters)
    .where(and(eq(patrolRosters.countyCode, county), eq(patrolRosters.id, id)))
    .limit(1);
  return r;
}

export async function listRosters(
  ex: Executor,
  countyCode: string,
  path: string,
  page: { limit: number; offset: number },
): Promise<{ items: RosterRow[]; total: number }> {
  const where = and(
    eq(patrolRosters.countyCode, countyCode),
    sql`${patrolRosters.orgPath} like ${`${path}%`}`,
  );
  const items = await ex
    .select()
    .from(patrolRosters)
    .where(where)
    .orderBy(desc(patrolRosters.startDate), desc(patrolRosters.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await ex.select({ n: sql<number>`count(*)::int` }).from(patrolRosters).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function shiftsOfRosters(
  ex: Executor,
  county: string,
  rosterIds: string[],
): Promise<ShiftRow[]> {
  if (rosterIds.length === 0) return [];
  return ex
    .select()
    .from(patrolShifts)
    .where(and(eq(patrolShifts.countyCode, county), inArray(patrolShifts.rosterId, rosterIds)))
    .orderBy(asc(patrolShifts.startsAt), asc(patrolShifts.seq));
}

export async function shiftById(
  ex: Executor,
  county: string,
  id: string,
  lock = false,
): Promise<ShiftRow | undefined> {
  const q = ex
    .select()
    .from(patrolShifts)
    .where(and(eq(patrolShifts.countyCode, county), eq(patrolShifts.id, id)))
    .limit(1);
  const [s] = lock ? await q.for('update') : await q;
  return s;
}

export async function updateShift(
  ex: Executor,
  county: string,
  id: string,
  set: Partial<ShiftRow>,
): Promise<void> {
  await ex
    .update(patrolShifts)
    .set(set)
    .where(and(eq(patrolShifts.countyCode, county), eq(patrolShifts.id, id)));
}

/** A unit's queue: the shifts of its subtree, open ones or those starting within [from, until). */
export async function shiftsForUnit(
  ex: Executor,
  countyCode: string,
  path: string,
  scope: { open?: boolean; from?: Date; until?: Date },
  page: { limit: number; offset: number },
): Promise<{ items: ShiftRow[]; total: number }> {
  const parts: SQL[] = [
    sql`${patrolShifts.countyCode} = ${countyCode}`,
    sql`${patrolShifts.unitPath} like ${`${path}%`}`,
  ];
  if (scope.open) parts.push(sql`${patrolShifts.status} in ('scheduled', 'unreported')`);
  if (scope.from) parts.push(sql`${patrolShifts.startsAt} >= ${scope.from.toISOString()}`);
  if (scope.until) parts.push(sql`${patrolShifts.startsAt} < ${scope.until.toISOString()}`);
  const where = and(...parts);
  const items = await ex
    .select()
    .from(patrolShifts)
    .where(where)
    .orderBy(asc(patrolShifts.startsAt))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await ex.select({ n: sql<number>`count(*)::int` }).from(patrolShifts).where(where);
  return { items, total: c?.n ?? 0 };
}

/** Scheduled shifts whose end has passed that the sweep has not marked yet. */
export async function unreportedShiftCandidates(
  ex: Executor,
  county: string,
  now: Date,
  limit: number,
): Promise<ShiftRow[]> {
  return ex
    .select()
    .from(patrolShifts)
    .where(
      and(
        eq(patrolShifts.countyCode, county),
        sql`${patrolShifts.status} = 'scheduled'`,
        sql`${patrolShifts.overdueAt} is null`,
        sql`${patrolShifts.endsAt} <= ${now.toISOString()}`,
      ),
    )
    .limit(limit);
}

export interface UnitOption {
  id: string;
  path: string;
  name: string;
  kind: string;
  level: string;
  division_code: string | null;
}

/**
 * Who can stand a patrol of a town: its stations, offices, committees and village (community)
 * committees, and from outside its tree the district's departments (公安分局, 司法局 …).
 */
function callable(countyCode: string, path: string): SQL {
  return sql`o.county_code = ${countyCode} and o.active and (
      (o.path like ${`${path}%`} and o.kind in ('unit', 'department', 'mediation_committee', 'village'))
      or (o.kind = 'department' and o.parent_id = (select id from orgs r where r.county_code = ${countyCode} and r.parent_id is null limit 1)))`;
}

/** The choice offered on the form: the first 400 (a district's own list is longer; ids are checked apart). */
export async function unitOptions(ex: Executor, countyCode: string, path: string): Promise<UnitOption[]> {
  return rows<UnitOption>(
    ex,
    sql`select o.id, o.path, o.name, o.kind, o.level, o.division_code from orgs o
        where ${callable(countyCode, path)}
        order by (o.path like ${`${path}%`}) desc, (o.kind = 'village'), o.name limit 400`,
  );
}

/** Of `ids`, those the center may put on a shift. */
export async function callableUnits(
  ex: Executor,
  countyCode: string,
  path: string,
  ids: readonly string[],
): Promise<UnitOption[]> {
  if (ids.length === 0) return [];
  return rows<UnitOption>(
    ex,
    sql`select o.id, o.path, o.name, o.kind, o.level, o.division_code from orgs o
        where ${callable(countyCode, path)} and o.id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
  );
}

/** The villages of a subtree (a village's own path included), for the target view: all of them (a county has ~500). */
export async function villagesUnder(ex: Executor, countyCode: string, path: string): Promise<UnitOption[]> {
  return rows<UnitOption>(
    ex,
    sql`select o.id, o.path, o.name, o.kind, o.level, o.division_code from orgs o
        where o.county_code = ${countyCode} and o.active and o.kind = 'village' and o.path like ${`${path}%`}
        order by o.path limit 5000`,
  );
}

export async function attestationsOf(
  ex: Executor,
  countyCode: string,
  path: string,
  year: number,
): Promise<AttestationRow[]> {
  return ex
    .select()
    .from(safetyAttestations)
    .where(
      and(
        eq(safetyAttestations.countyCode, countyCode),
        eq(safetyAttestations.year, year),
        sql`${safetyAttestations.villagePath} like ${`${path}%`}`,
      ),
    );
}

export async function attestationById(
  ex: Executor,
  county: string,
  id: string,
  lock = false,
): Promise<AttestationRow | undefined> {
  const q = ex
    .select()
    .from(safetyAttestations)
    .where(and(eq(safetyAttestations.countyCode, county), eq(safetyAttestations.id, id)))
    .limit(1);
  const [a] = lock ? await q.for('update') : await q;
  return a;
}

export async function attestationFor(
  ex: Executor,
  county: string,
  villageId: string,
  year: number,
  code: string,
): Promise<AttestationRow | undefined> {
  const [a] = await ex
    .select()
    .from(safetyAttestations)
    .where(
      and(
        eq(safetyAttestations.countyCode, county),
        eq(safetyAttestations.villageId, villageId),
        eq(safetyAttestations.year, year),
        eq(safetyAttestations.targetCode, code),
      ),
    )
    .for('update')
    .limit(1);
  return a;
}

export async function insertAttestation(ex: Executor, row: AttestationRow): Promise<void> {
  await ex.insert(safetyAttestations).values(row);
}

export async function updateAttestation(
  ex: Executor,
  county: string,
  id: string,
  set: Partial<AttestationRow>,
): Promise<void> {
  await ex
    .update(safetyAttestations)
    .set(set)
    .where(and(eq(safetyAttestations.countyCode, county), eq(safetyAttestations.id, id)));
}
