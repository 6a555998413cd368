/** The only code that touches the 调度会 and joint task tables, and the reads the agenda is drawn from. */
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { dispatchMeetings, jointTasks } from '../../db/schema';

export type DispatchMeetingRow = typeof dispatchMeetings.$inferSelect;
export type JointTaskRow = typeof jointTasks.$inferSelect;

async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  return ((await ex.execute(q)) as unknown as { rows: T[] }).rows;
}

export async function insertMeeting(ex: Executor, row: DispatchMeetingRow): Promise<void> {
  await ex.insert(dispatchMeetings).values(row);
}

export async function meetingById(
  ex: Executor,
  county: string,
  id: string,
): Promise<DispatchMeetingRow | undefined> {
  const [m] = await ex
    .select()
    .from(dispatchMeetings)
    .where(and(eq(dispatchMeetings.countyCode, county), eq(dispatchMeetings.id, id)))
    .limit(1);
  return m;
}

export async function listMeetings(
  ex: Executor,
  countyCode: string,
  path: string,
  page: { limit: number; offset: number },
): Promise<{ items: DispatchMeetingRow[]; total: number }> {
  const where = and(
    eq(dispatchMeetings.countyCode, countyCode),
    sql`${dispatchMeetings.convenerPath} like ${`${path}%`}`,
  );
  const items = await ex
    .select()
    .from(dispatchMeetings)
    .where(where)
    .orderBy(desc(dispatchMeetings.startsAt))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await ex.select({ n: sql<number>`count(*)::int` }).from(dispatchMeetings).where(where);
  return { items, total: c?.n ?? 0 };
}

/** The convener's latest meeting called before `before` (its tasks come back at the next one). */
export async function previousMeetingStart(
  ex: Executor,
  county: string,
  convenerOrgId: string,
  before: Date,
): Promise<Date | null> {
  const [m] = await rows<{ starts_at: string | Date }>(
    ex,
    sql`select starts_at from dispatch_meetings where county_code = ${county} and convener_org_id = ${convenerOrgId}
        and created_at < ${before.toISOString()} order by created_at desc limit 1`,
  );
  return m ? new Date(m.starts_at) : null;
}

export async function insertTask(ex: Executor, row: JointTaskRow): Promise<void> {
  await ex.insert(jointTasks).values(row);
}

export async function taskById(
  ex: Executor,
  county: string,
  id: string,
  lock = false,
): Promise<JointTaskRow | undefined> {
  const q = ex
    .select()
    .from(jointTasks)
    .where(and(eq(jointTasks.countyCode, county), eq(jointTasks.id, id)))
    .limit(1);
  const [t] = lock ? await q.for('update') : await q;
  return t;
}

export async function tasksOfMeetings(
  ex: Executor,
  county: string,
  meetingIds: string[],
): Promise<JointTaskRow[]> {
  if (meetingIds.length === 0) return [];
  return ex
    .select()
    .from(jointTasks)
    .where(and(eq(jointTasks.countyCode, county), inArray(jointTasks.meetingId, meetingIds)))
    .orderBy(jointTasks.createdAt);
}

export async function updateTask(
  ex: Executor,
  county: string,
  id: string,
  set: Partial<JointTaskRow>,
): Promise<void> {
  await ex
    .update(jointTasks)
    .set(set)
    .where(and(eq(jointTasks.countyCode, county), eq(jointTasks.id, id)));
}

const openStatuses = sql`('assigned', 'in_progress')`;

/**
 * A unit's queue: tasks whose lead or any co-unit lies inside `path`, or convened inside it (the
 * center sees what it handed out). Open first, earliest due first.
 */
export async function listTasksFor(
  ex: Executor,
  countyCode: string,
  path: string,
  status: 'open' | 'closed' | 'all',
  page: { limit: number; offset: number },
): Promise<{ items: JointTaskRow[]; total: number }> {
  const like = `${path}%`;
  const state =
    status === 'open'
      ? sql`and status in ${openStatuses}`
      : status === 'closed'
        ? sql`and status not in ${openStatuses}`
        : sql``;
  const where = sql`county_code = ${countyCode} ${state} and (lead_path like ${like}
      or convener_path like ${like} or exists (select 1 from unnest(co_paths) p where p like ${like}))`;
  const ids = await rows<{ id: string }>(
    ex,
    sql`select id from joint_tasks where ${where}
        order by (status in ${openStatuses}) desc, due_at asc, created_at asc
        limit ${page.limit} offset ${page.offset}`,
  );
  const [c] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from joint_tasks where ${where}`);
  const got = ids.length
    ? await ex
        .select()
        .from(jointTasks)
        .where(
          and(
            eq(jointTasks.countyCode, countyCode),
            inArray(
              jointTasks.id,
              ids.map((r) => r.id),
            ),
          ),
        )
    : [];
  const order = new Map(ids.map((r, i) => [r.id, i]));
  got.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { items: got, total: c?.n ?? 0 };
}

/** Tasks of the convener's earlier meetings to report on: still open, or closed since `since`. */
export async function tasksToReport(
  ex: Executor,
  county: string,
  convenerOrgId: string,
  since: Date | null,
): Promise<JointTaskRow[]> {
  const closedSince = since ? sql`or updated_at >= ${since.toISOString()}` : sql``;
  const ids = await rows<{ id: string }>(
    ex,
    sql`select id from joint_tasks where county_code = ${county} and convener_org_id = ${convenerOrgId}
        and (status in ${openStatuses} ${closedSince}) order by created_at limit 50`,
  );
  if (ids.length === 0) return [];
  return ex
    .select()
    .from(jointTasks)
    .where(
      and(
        eq(jointTasks.countyCode, county),
        inArray(
          jointTasks.id,
          ids.map((r) => r.id),
        ),
      ),
    )
    .orderBy(jointTasks.createdAt);
}

export interface AgendaMatter {
  id: string;
  code: string;
  title: string;
  status: string;
  risk_grade: string;
  collective: boolean;
  due_at: string | Date | null;
  /** The parties' names, to mask where typed into the title (as the matter presenter does). */
  party_names: string[] | null;
}

/**
 * 疑难复杂事项 of the area: unfinished matters graded orange or red, or collective. Ordered by grade,
 * oldest first, bounded: a meeting takes the hardest, not the whole queue.
 */
export async function hardMatters(ex: Executor, countyCode: string, path: string, limit = 10) {
  return rows<AgendaMatter>(
    ex,
    sql`select id, code, title, status, risk_grade, collective, null as due_at,
          (select array_agg(p.name) from matter_parties p
            where p.county_code = ${countyCode} and p.county_code = matters.county_code
              and p.matter_id = matters.id) as party_names
        from matters
        where county_code = ${countyCode} and owner_path like ${`${path}%`}
          and status not in ('archived', 'merged', 'voided', 'not_accepted', 'channelled', 'referred_to_court',
                             'answered', 'rated', 'followed_up')
          and (risk_grade in ('orange', 'red') or collective)
        order by (risk_grade = 'red') desc, created_at asc limit ${limit}`,
  );
}

/** Unfinished matters of the area with a running deadline the sweep has marked overdue. */
export async function overdueMatters(ex: Executor, countyCode: string, path: string, limit = 10) {
  return rows<AgendaMatter>(
    ex,
    sql`select m.id, m.code, m.title, m.status, m.risk_grade, m.collective, d.due_at,
          (select array_agg(p.name) from matter_parties p
            where p.county_code = ${countyCode} and p.county_code = m.county_code
              and p.matter_id = m.id) as party_names
        from matters m join (
          select county_code, matter_id, min(due_at) as due_at from deadlines
          where county_code = ${countyCode} and status = 'running' and overdue_at is not null
          group by county_code, matter_id
        ) d on d.county_code = m.county_code and d.matter_id = m.id
        where m.county_code = ${countyCode} and m.owner_path like ${`${path}%`}
        order by d.due_at asc limit ${limit}`,
  );
}

export interface AgendaWarning {
  id: string;
  rule: string;
  grade: string;
  explanation: string;
  status: string;
}

/** Warnings addressed to the area that are still open or were handed on (督办, 研判) but not dismissed. */
export async function liveWarnings(ex: Executor, countyCode: string, path: string, limit = 10) {
  return rows<AgendaWarning>(
    ex,
    sql`select id, rule, grade, explanation, status from risk_warnings
        where county_code = ${countyCode} and target_path like ${`${path}%`} and status <> 'dismissed'
        order by (status = 'open') desc, last_seen_at desc limit ${limit}`,
  );
}

/** Open tasks of one county past due that the sweep has not marked yet. */
export async function overdueTaskCandidates(
  ex: Executor,
  county: string,
  now: Date,
  limit: number,
): Promise<JointTaskRow[]> {
  return ex
    .select()
    .from(jointTasks)
    .where(
      and(
        eq(jointTasks.countyCode, county),
        sql`${jointTasks.status} in ('assigned', 'in_progress')`,
        sql`${jointTasks.overdueAt} is null`,
        sql`${jointTasks.dueAt} <= ${now.toISOString()}`,
      ),
    )
    .limit(limit);
}

export interface PartnerOrg {
  id: string;
  path: string;
  name: string;
  kind: string;
  level: string;
  division_code: string | null;
}

/**
 * Who a center can call to its 调度会: the stations, offices and committees of its own tree, the
 * district's departments (公安分局, 司法局 …) and every 人民法庭 of the county, since one tribunal
 * serves several towns and most towns have none of their own.
 */
export async function partnerOrgs(ex: Executor, countyCode: string, path: string): Promise<PartnerOrg[]> {
  return rows<PartnerOrg>(
    ex,
    sql`select o.id, o.path, o.name, o.kind, o.level, o.division_code from orgs o
        where o.county_code = ${countyCode} and o.active and (
          (o.path like ${`${path}%`} and o.kind in ('unit', 'department', 'mediation_committee'))
          or (o.kind = 'department' and o.parent_id = (select id from orgs r where r.county_code = ${countyCode} and r.parent_id is null limit 1))
          or (o.kind = 'unit' and o.name like '%人民法庭'))
        order by (o.path like ${`${path}%`}) desc, o.kind, o.name limit 300`,
  );
}
