import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { mediatorProfiles, orgs, userRoles, users } from '../../db/schema';

export interface MediatorRow {
  userId: string;
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  orgKind: string | null;
  specialties: string[] | null;
  courtRosters: string[] | null;
  rosterNo: string | null;
  intro: string | null;
}

/** The county's enabled mediators with their roster entry (if any), by org then name. */
export async function list(
  ex: Executor,
  countyCode: string,
  f: { q?: string; specialty?: string },
  limit: number,
) {
  const parts = [
    eq(users.countyCode, countyCode),
    eq(users.disabled, false),
    sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'mediator')`,
  ];
  if (f.q) parts.push(ilike(users.displayName, `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (f.specialty) parts.push(sql`${mediatorProfiles.specialties} ? ${f.specialty}`);
  return (await ex
    .select({
      userId: users.id,
      displayName: users.displayName,
      orgId: orgs.id,
      orgName: orgs.name,
      orgKind: orgs.kind,
      specialties: mediatorProfiles.specialties,
      courtRosters: mediatorProfiles.courtRosters,
      rosterNo: mediatorProfiles.rosterNo,
      intro: mediatorProfiles.intro,
    })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .leftJoin(
      mediatorProfiles,
      and(eq(mediatorProfiles.userId, users.id), eq(mediatorProfiles.countyCode, users.countyCode)),
    )
    .where(and(...parts))
    .orderBy(asc(orgs.path), asc(users.displayName))
    .limit(limit)) as MediatorRow[];
}

export async function isMediator(ex: Executor, countyCode: string, userId: string): Promise<boolean> {
  const [r] = await ex
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'mediator')))
    .where(and(eq(users.id, userId), eq(users.countyCode, countyCode), eq(users.disabled, false)));
  return !!r;
}

export async function upsertProfile(ex: Executor, row: typeof mediatorProfiles.$inferInsert) {
  await ex
    .insert(mediatorProfiles)
    .values(row)
    .onConflictDoUpdate({
      target: [mediatorProfiles.countyCode, mediatorProfiles.userId],
      set: {
        specialties: row.specialties,
        courtRosters: row.courtRosters,
        rosterNo: row.rosterNo,
        intro: row.intro,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      },
    });
}

export async function profileOf(ex: Executor, countyCode: string, userId: string) {
  const [r] = await ex
    .select()
    .from(mediatorProfiles)
    .where(and(eq(mediatorProfiles.countyCode, countyCode), eq(mediatorProfiles.userId, userId)));
  return r;
}

export async function userIdByUsername(
  ex: Executor,
  countyCode: string,
  username: string,
): Promise<string | null> {
  const [r] = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.username, username), eq(users.countyCode, countyCode)));
  return r?.id ?? null;
}
