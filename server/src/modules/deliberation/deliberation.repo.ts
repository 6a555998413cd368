import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  deliberationBodies,
  deliberationContributions,
  deliberationItems,
  deliberationMeetings,
  deliberationMembers,
  deliberationSpeakers,
  deliberationTasks,
} from '../../db/schema';
import { escapeLike } from '../orgs/orgs.repo';

// Every statement names its county (issue 18): on a Citus cluster the county is the shard, so a
// statement without it would run on every shard, and a locking one would be refused.

export type BodyRow = typeof deliberationBodies.$inferSelect;
export type MemberRow = typeof deliberationMembers.$inferSelect;
export type MeetingRow = typeof deliberationMeetings.$inferSelect;
export type ItemRow = typeof deliberationItems.$inferSelect;
export type SpeakerRow = typeof deliberationSpeakers.$inferSelect;
export type TaskRow = typeof deliberationTasks.$inferSelect;
export type ContributionRow = typeof deliberationContributions.$inferSelect;

export async function insertBody(ex: Executor, row: typeof deliberationBodies.$inferInsert) {
  await ex.insert(deliberationBodies).values(row);
}
export async function insertMembers(ex: Executor, rows: (typeof deliberationMembers.$inferInsert)[]) {
  if (rows.length) await ex.insert(deliberationMembers).values(rows);
}
export async function bodyById(ex: Executor, county: string, id: string): Promise<BodyRow | undefined> {
  const [b] = await ex
    .select()
    .from(deliberationBodies)
    .where(and(eq(deliberationBodies.countyCode, county), eq(deliberationBodies.id, id)));
  return b;
}
export async function bodiesByIds(ex: Executor, county: string, ids: string[]): Promise<BodyRow[]> {
  if (!ids.length) return [];
  return ex
    .select()
    .from(deliberationBodies)
    .where(and(eq(deliberationBodies.countyCode, county), inArray(deliberationBodies.id, ids)));
}
export async function membersOf(ex: Executor, county: string, bodyIds: string[]): Promise<MemberRow[]> {
  if (!bodyIds.length) return [];
  const rows = await ex
    .select()
    .from(deliberationMembers)
    .where(and(eq(deliberationMembers.countyCode, county), inArray(deliberationMembers.bodyId, bodyIds)))
    .orderBy(asc(deliberationMembers.createdAt), asc(deliberationMembers.name));
  // The chair first, then the recorder, representatives and members (stable within a position).
  const rank = (p: string) => ['chair', 'recorder', 'representative', 'member'].indexOf(p);
  return rows.sort((a, b) => rank(a.position) - rank(b.position));
}
/** Seats are held in the account's own county (a member's account belongs to the body's county). */
export async function bodyIdsOfMember(ex: Executor, county: string, userId: string): Promise<string[]> {
  const rows = await ex
    .select({ bodyId: deliberationMembers.bodyId })
    .from(deliberationMembers)
    .where(and(eq(deliberationMembers.countyCode, county), eq(deliberationMembers.userId, userId)));
  return rows.map((r) => r.bodyId);
}

/** Bodies under a jurisdiction path, or with one of the given ids (the caller's own seats). */
export async function listBodies(
  ex: Executor,
  f: { countyCode: string; path: string | null; memberOf: string[]; orgPath?: string; kind?: string },
): Promise<BodyRow[]> {
  const scope: SQL[] = [];
  if (f.path) scope.push(like(deliberationBodies.orgPath, `${escapeLike(f.path)}%`));
  if (f.memberOf.length) scope.push(inArray(deliberationBodies.id, f.memberOf));
  if (!scope.length) return [];
  const conds: SQL[] = [eq(deliberationBodies.countyCode, f.countyCode), or(...scope)!];
  if (f.orgPath) conds.push(like(deliberationBodies.orgPath, `${escapeLike(f.orgPath)}%`));
  if (f.kind) conds.push(eq(deliberationBodies.kind, f.kind));
  return ex
    .select()
    .from(deliberationBodies)
    .where(and(...conds))
    .orderBy(asc(deliberationBodies.orgPath), asc(deliberationBodies.name))
    .limit(500);
}

export async function insertMeeting(ex: Executor, row: typeof deliberationMeetings.$inferInsert) {
  await ex.insert(deliberationMeetings).values(row);
}
export async function insertItems(ex: Executor, rows: (typeof deliberationItems.$inferInsert)[]) {
  if (rows.length) await ex.insert(deliberationItems).values(rows);
}
export async function meetingById(ex: Executor, county: string, id: string): Promise<MeetingRow | undefined> {
  const [m] = await ex
    .select()
    .from(deliberationMeetings)
    .where(and(eq(deliberationMeetings.countyCode, county), eq(deliberationMeetings.id, id)));
  return m;
}
export async function lockMeeting(ex: Executor, county: string, id: string): Promise<MeetingRow | undefined> {
  const [m] = await ex
    .select()
    .from(deliberationMeetings)
    .where(and(eq(deliberationMeetings.countyCode, county), eq(deliberationMeetings.id, id)))
    .for('update');
  return m;
}
export async function updateMeeting(
  ex: Executor,
  county: string,
  id: string,
  patch: Partial<typeof deliberationMeetings.$inferInsert>,
) {
  await ex
    .update(deliberationMeetings)
    .set(patch)
    .where(and(eq(deliberationMeetings.countyCode, county), eq(deliberationMeetings.id, id)));
}
export async function listMeetings(
  ex: Executor,
  f: { countyCode: string; path: string | null; bodyIds: string[]; bodyId?: string; status?: string },
): Promise<MeetingRow[]> {
  const scope: SQL[] = [];
  if (f.path) scope.push(like(deliberationMeetings.orgPath, `${escapeLike(f.path)}%`));
  if (f.bodyIds.length) scope.push(inArray(deliberationMeetings.bodyId, f.bodyIds));
  if (!scope.length) return [];
  const conds: SQL[] = [eq(deliberationMeetings.countyCode, f.countyCode), or(...scope)!];
  if (f.bodyId) conds.push(eq(deliberationMeetings.bodyId, f.bodyId));
  if (f.status) conds.push(eq(deliberationMeetings.status, f.status));
  return ex
    .select()
    .from(deliberationMeetings)
    .where(and(...conds))
    .orderBy(desc(deliberationMeetings.startsAt))
    .limit(200);
}
export async function publishedMeetingsOf(
  ex: Executor,
  county: string,
  orgId: string,
): Promise<MeetingRow[]> {
  return ex
    .select()
    .from(deliberationMeetings)
    .where(
      and(
        eq(deliberationMeetings.countyCode, county),
        eq(deliberationMeetings.orgId, orgId),
        eq(deliberationMeetings.status, 'published'),
      ),
    )
    .orderBy(desc(deliberationMeetings.startsAt))
    .limit(50);
}

export async function itemsOf(ex: Executor, county: string, meetingIds: string[]): Promise<ItemRow[]> {
  if (!meetingIds.length) return [];
  return ex
    .select()
    .from(deliberationItems)
    .where(and(eq(deliberationItems.countyCode, county), inArray(deliberationItems.meetingId, meetingIds)))
    .orderBy(asc(deliberationItems.seq));
}
export async function updateItem(
  ex: Executor,
  county: string,
  id: string,
  patch: Partial<typeof deliberationItems.$inferInsert>,
) {
  await ex
    .update(deliberationItems)
    .set(patch)
    .where(and(eq(deliberationItems.countyCode, county), eq(deliberationItems.id, id)));
}

export async function insertSpeaker(ex: Executor, row: typeof deliberationSpeakers.$inferInsert) {
  await ex.insert(deliberationSpeakers).values(row);
}
export async function speakersOf(ex: Executor, county: string, meetingId: string): Promise<SpeakerRow[]> {
  return ex
    .select()
    .from(deliberationSpeakers)
    .where(and(eq(deliberationSpeakers.countyCode, county), eq(deliberationSpeakers.meetingId, meetingId)))
    .orderBy(asc(deliberationSpeakers.createdAt));
}

export async function insertTask(ex: Executor, row: typeof deliberationTasks.$inferInsert) {
  await ex.insert(deliberationTasks).values(row);
}
export async function tasksOf(ex: Executor, county: string, meetingIds: string[]): Promise<TaskRow[]> {
  if (!meetingIds.length) return [];
  return ex
    .select()
    .from(deliberationTasks)
    .where(and(eq(deliberationTasks.countyCode, county), inArray(deliberationTasks.meetingId, meetingIds)))
    .orderBy(asc(deliberationTasks.createdAt));
}
export async function taskOfMatter(
  ex: Executor,
  county: string,
  matterId: string,
): Promise<TaskRow | undefined> {
  const [t] = await ex
    .select()
    .from(deliberationTasks)
    .where(and(eq(deliberationTasks.countyCode, county), eq(deliberationTasks.matterId, matterId)));
  return t;
}

export async function insertContribution(ex: Executor, row: typeof deliberationContributions.$inferInsert) {
  await ex.insert(deliberationContributions).values(row);
}
export async function contributionsOfMatter(
  ex: Executor,
  county: string,
  matterId: string,
): Promise<ContributionRow[]> {
  return ex
    .select()
    .from(deliberationContributions)
    .where(
      and(eq(deliberationContributions.countyCode, county), eq(deliberationContributions.matterId, matterId)),
    )
    .orderBy(asc(deliberationContributions.createdAt));
}

/** Agenda items that hold a matter (jsonb containment). */
export async function itemsHoldingMatter(ex: Executor, county: string, matterId: string): Promise<ItemRow[]> {
  return ex
    .select()
    .from(deliberationItems)
    .where(
      and(
        eq(deliberationItems.countyCode, county),
        sql`${deliberationItems.matterIds} @> ${JSON.stringify([matterId])}::jsonb`,
      ),
    );
}

export async function contributionById(
  ex: Executor,
  county: string,
  id: string,
): Promise<ContributionRow | undefined> {
  const [c] = await ex
    .select()
    .from(deliberationContributions)
    .where(and(eq(deliberationContributions.countyCode, county), eq(deliberationContributions.id, id)));
  return c;
}
export async function lockContribution(
  ex: Executor,
  county: string,
  id: string,
): Promise<ContributionRow | undefined> {
  const [c] = await ex
    .select()
    .from(deliberationContributions)
    .where(and(eq(deliberationContributions.countyCode, county), eq(deliberationContributions.id, id)))
    .for('update');
  return c;
}
export async function updateContribution(
  ex: Executor,
  county: string,
  id: string,
  patch: Partial<typeof deliberationContributions.$inferInsert>,
) {
  await ex
    .update(deliberationContributions)
    .set(patch)
    .where(and(eq(deliberationContributions.countyCode, county), eq(deliberationContributions.id, id)));
}

/** Bodies of one kind attached to exactly this org (not its subtree): a leader's own 研判会. */
export async function bodiesOfOrg(
  ex: Executor,
  county: string,
  orgId: string,
  kind: string,
): Promise<BodyRow[]> {
  return ex
    .select()
    .from(deliberationBodies)
    .where(
      and(
        eq(deliberationBodies.countyCode, county),
        eq(deliberationBodies.orgId, orgId),
        eq(deliberationBodies.kind, kind),
      ),
    )
    .orderBy(asc(deliberationBodies.name));
}

/** Planned meetings of these bodies from `since` on, soonest first. */
export async function plannedMeetingsOf(
  ex: Executor,
  county: string,
  bodyIds: string[],
  since: Date,
): Promise<MeetingRow[]> {
  if (!bodyIds.length) return [];
  return ex
    .select()
    .from(deliberationMeetings)
    .where(
      and(
        eq(deliberationMeetings.countyCode, county),
        inArray(deliberationMeetings.bodyId, bodyIds),
        eq(deliberationMeetings.status, 'planned'),
        sql`${deliberationMeetings.startsAt} >= ${since.toISOString()}`,
      ),
    )
    .orderBy(asc(deliberationMeetings.startsAt))
    .limit(50);
}

export async function itemsByIds(ex: Executor, county: string, ids: string[]): Promise<ItemRow[]> {
  if (!ids.length) return [];
  return ex
    .select()
    .from(deliberationItems)
    .where(and(eq(deliberationItems.countyCode, county), inArray(deliberationItems.id, ids)));
}

export async function meetingsByIds(ex: Executor, county: string, ids: string[]): Promise<MeetingRow[]> {
  if (!ids.length) return [];
  return ex
    .select()
    .from(deliberationMeetings)
    .where(and(eq(deliberationMeetings.countyCode, county), inArray(deliberationMeetings.id, ids)));
}
