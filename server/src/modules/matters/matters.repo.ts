import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  like,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  configDocuments,
  deadlines,
  events,
  matterNotices,
  matterParties,
  matters,
  supervisionOrders,
} from '../../db/schema';
import { escapeLike } from '../orgs/orgs.repo';

export type MatterRow = typeof matters.$inferSelect;
export type NewMatter = typeof matters.$inferInsert;
export type PartyRow = typeof matterParties.$inferSelect;
export type DeadlineRow = typeof deadlines.$inferSelect;
export type NoticeRow = typeof matterNotices.$inferSelect;
export type SupervisionRow = typeof supervisionOrders.$inferSelect;

/**
 * The per-county, per-year number of a matter code. A sequence per county and year: numbers are
 * handed out without a lock on any row, so intakes never wait for one another (a rolled-back
 * intake leaves a gap, which a code may have).
 */
export async function nextMatterSeq(ex: Executor, countyCode: string, year: number): Promise<number> {
  const name = `matter_seq_${countyCode}_${year}`;
  if (!/^matter_seq_\d{6}_\d{4}$/.test(name)) throw new Error('bad sequence name');
  await ex.execute(sql.raw(`create sequence if not exists ${name}`));
  const res = (await ex.execute(sql.raw(`select nextval('${name}')::int as n`))) as unknown as {
    rows: { n: number }[];
  };
  return Number(res.rows[0]?.n);
}

export async function insertMatter(ex: Executor, row: NewMatter): Promise<void> {
  await ex.insert(matters).values(row);
}

export async function insertParties(
  ex: Executor,
  rows: (typeof matterParties.$inferInsert)[],
): Promise<void> {
  if (rows.length) await ex.insert(matterParties).values(rows);
}

export async function byId(ex: Executor, id: string): Promise<MatterRow | undefined> {
  const [m] = await ex.select().from(matters).where(eq(matters.id, id));
  return m;
}

export async function byCode(ex: Executor, code: string): Promise<MatterRow | undefined> {
  const [m] = await ex.select().from(matters).where(eq(matters.code, code));
  return m;
}

/** Locks the matter row for the rest of the transaction: concurrent actions on it queue here. */
export async function lockById(ex: Executor, id: string): Promise<MatterRow | undefined> {
  const [m] = await ex.select().from(matters).where(eq(matters.id, id)).for('update');
  return m;
}

export async function updateMatter(
  ex: Executor,
  id: string,
  version: number,
  patch: Partial<NewMatter>,
): Promise<MatterRow | undefined> {
  const [row] = await ex
    .update(matters)
    .set({ ...patch, version: sql`${matters.version} + 1` })
    .where(and(eq(matters.id, id), eq(matters.version, version)))
    .returning();
  return row;
}

export async function partiesOf(ex: Executor, matterId: string): Promise<PartyRow[]> {
  return ex
    .select()
    .from(matterParties)
    .where(eq(matterParties.matterId, matterId))
    .orderBy(asc(matterParties.createdAt));
}

export async function deadlinesOf(ex: Executor, matterIds: string[]): Promise<DeadlineRow[]> {
  if (matterIds.length === 0) return [];
  return ex
    .select()
    .from(deadlines)
    .where(inArray(deadlines.matterId, matterIds))
    .orderBy(asc(deadlines.createdAt));
}

export async function liveDeadlines(ex: Executor, matterId: string): Promise<DeadlineRow[]> {
  return ex
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.matterId, matterId), inArray(deadlines.status, ['running', 'paused'])));
}

export async function insertDeadlines(ex: Executor, rows: (typeof deadlines.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(deadlines).values(rows);
}

export async function updateDeadline(
  ex: Executor,
  id: string,
  patch: Partial<typeof deadlines.$inferInsert>,
) {
  await ex.update(deadlines).set(patch).where(eq(deadlines.id, id));
}

export async function insertNotice(ex: Executor, row: typeof matterNotices.$inferInsert): Promise<void> {
  await ex.insert(matterNotices).values(row);
}

export async function noticesOf(ex: Executor, matterId: string): Promise<NoticeRow[]> {
  return ex
    .select()
    .from(matterNotices)
    .where(eq(matterNotices.matterId, matterId))
    .orderBy(asc(matterNotices.servedAt));
}

export async function noticeById(ex: Executor, id: string): Promise<NoticeRow | undefined> {
  const [n] = await ex.select().from(matterNotices).where(eq(matterNotices.id, id));
  return n;
}

export async function timelineOf(ex: Executor, countyCode: string, matterId: string) {
  return ex
    .select()
    .from(events)
    .where(
      and(eq(events.countyCode, countyCode), eq(events.objectType, 'matter'), eq(events.objectId, matterId)),
    )
    .orderBy(asc(events.id));
}

export async function lastActorOf(ex: Executor, countyCode: string, matterId: string) {
  const [e] = await ex
    .select({ actorName: events.actorName, action: events.action, at: events.at })
    .from(events)
    .where(
      and(eq(events.countyCode, countyCode), eq(events.objectType, 'matter'), eq(events.objectId, matterId)),
    )
    .orderBy(desc(events.id))
    .limit(1);
  return e;
}

export async function supervisionOf(ex: Executor, matterIds: string[]): Promise<SupervisionRow[]> {
  if (matterIds.length === 0) return [];
  return ex.select().from(supervisionOrders).where(inArray(supervisionOrders.matterId, matterIds));
}

export async function insertSupervision(ex: Executor, row: typeof supervisionOrders.$inferInsert) {
  await ex.insert(supervisionOrders).values(row).onConflictDoNothing();
}

export async function answerSupervision(ex: Executor, matterId: string, at: Date, answer: string) {
  await ex
    .update(supervisionOrders)
    .set({ answeredAt: at, answer })
    .where(and(eq(supervisionOrders.matterId, matterId), isNull(supervisionOrders.answeredAt)));
}

export interface ListFilter {
  countyCode: string;
  path: string;
  orgId: string;
  userId: string;
  queue: string;
  q?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  now: Date;
  soon: Date;
}

const closedish = [
  'answered',
  'rated',
  'followed_up',
  'archived',
  'merged',
  'not_accepted',
  'channelled',
  'voided',
];

/** The visibility rule as SQL: inside the jurisdiction as owner, as the receiver, or as a co-handler. */
export function visibleTo(countyCode: string, path: string, orgId: string, userId: string): SQL {
  const p = `${escapeLike(path)}%`;
  return and(
    eq(matters.countyCode, countyCode),
    or(
      like(matters.ownerPath, p),
      like(matters.pendingPath, p),
      sql`${matters.state}->'coHandlers' @> ${JSON.stringify([{ org: { id: orgId } }])}::jsonb`,
      sql`${matters.state}->'mediation'->>'mediatorId' = ${userId}`,
    ),
  )!;
}

function listWhere(f: ListFilter): SQL {
  const parts: (SQL | undefined)[] = [visibleTo(f.countyCode, f.path, f.orgId, f.userId)];
  const liveDue = (cond: SQL) =>
    sql`exists (select 1 from ${deadlines} d where d.matter_id = ${matters.id} and d.status = 'running' and ${cond})`;
  switch (f.queue) {
    case 'mine':
      parts.push(sql`${matters.state}->>'handlerUserId' = ${f.userId}`);
      break;
    case 'org':
      parts.push(eq(matters.ownerOrgId, f.orgId));
      break;
    case 'incoming':
      parts.push(eq(matters.status, 'transferring'), like(matters.pendingPath, `${escapeLike(f.path)}%`));
      break;
    case 'due_soon':
      parts.push(
        liveDue(
          sql`d.due_at > ${f.now.toISOString()}::timestamptz and d.due_at <= ${f.soon.toISOString()}::timestamptz`,
        ),
      );
      break;
    case 'overdue':
      parts.push(liveDue(sql`d.due_at < ${f.now.toISOString()}::timestamptz`));
      break;
    case 'supervised':
      parts.push(
        sql`exists (select 1 from ${supervisionOrders} s where s.matter_id = ${matters.id} and s.answered_at is null)`,
      );
      break;
    case 'awaiting_rating':
      parts.push(eq(matters.status, 'answered'));
      break;
    case 'awaiting_visit':
      parts.push(eq(matters.status, 'rated'));
      break;
  }
  if (f.q)
    parts.push(or(ilike(matters.title, `%${escapeLike(f.q)}%`), ilike(matters.code, `%${escapeLike(f.q)}%`)));
  if (f.kind) parts.push(eq(matters.kind, f.kind));
  if (f.status) parts.push(eq(matters.status, f.status));
  return and(...parts)!;
}

export async function list(ex: Executor, f: ListFilter, limit: number, offset: number) {
  const w = listWhere(f);
  const rows = await ex
    .select()
    .from(matters)
    .where(w)
    .orderBy(desc(matters.createdAt))
    .limit(limit)
    .offset(offset);
  const [t] = await ex.select({ n: count() }).from(matters).where(w);
  return { rows, total: t?.n ?? 0 };
}

/** Candidates for the duplicate check: same person, or same village and category, recently. */
export async function duplicateCandidates(
  ex: Executor,
  countyCode: string,
  hashes: string[],
  villageId: string | null,
  categoryCode: string,
  since: Date,
) {
  const byPerson = hashes.length
    ? sql`${matters.id} in (select p.matter_id from ${matterParties} p where p.county_code = ${countyCode} and (p.phone_hash in ${hashes} or p.id_hash in ${hashes}))`
    : sql`false`;
  const byPlace = villageId
    ? and(
        eq(matters.villageId, villageId),
        eq(matters.categoryCode, categoryCode),
        gte(matters.createdAt, since),
      )
    : sql`false`;
  return ex
    .select()
    .from(matters)
    .where(and(eq(matters.countyCode, countyCode), or(byPerson, byPlace)))
    .orderBy(desc(matters.createdAt))
    .limit(20);
}

export async function partyHashesOf(ex: Executor, matterIds: string[]) {
  if (matterIds.length === 0) return [];
  return ex
    .select({
      matterId: matterParties.matterId,
      phoneHash: matterParties.phoneHash,
      idHash: matterParties.idHash,
    })
    .from(matterParties)
    .where(inArray(matterParties.matterId, matterIds));
}

/** Running deadlines that are due for the sweep: to warn, to mark overdue, to supervise. */
export async function sweepCandidates(ex: Executor, now: Date, limit: number) {
  return ex
    .select({
      d: deadlines,
      m: {
        id: matters.id,
        code: matters.code,
        ownerOrgId: matters.ownerOrgId,
        ownerPath: matters.ownerPath,
        countyCode: matters.countyCode,
        status: matters.status,
      },
    })
    .from(deadlines)
    .innerJoin(matters, eq(matters.id, deadlines.matterId))
    .where(
      and(
        eq(deadlines.status, 'running'),
        or(
          and(isNull(deadlines.warnedAt), lte(deadlines.warnAt, now)),
          and(isNull(deadlines.overdueAt), lte(deadlines.dueAt, now)),
        ),
      ),
    )
    .orderBy(asc(deadlines.dueAt))
    .limit(limit);
}

export async function latestConfig(ex: Executor, countyCode: string, name: string) {
  const [row] = await ex
    .select()
    .from(configDocuments)
    .where(and(eq(configDocuments.countyCode, countyCode), eq(configDocuments.name, name)))
    .orderBy(desc(configDocuments.version))
    .limit(1);
  return row;
}

export { closedish };

/** Other petitions of the same person in the same category (信访工作条例 art. 19(3), 36(3)). */
export async function samePetitions(ex: Executor, m: MatterRow): Promise<MatterRow[]> {
  return ex
    .select()
    .from(matters)
    .where(
      and(
        eq(matters.countyCode, m.countyCode),
        eq(matters.kind, 'petition'),
        eq(matters.categoryCode, m.categoryCode),
        sql`${matters.id} <> ${m.id}`,
        sql`${matters.status} not in ('merged', 'not_accepted', 'channelled')`,
        sql`exists (
          select 1 from ${matterParties} a join ${matterParties} b
            on (a.phone_hash = b.phone_hash or a.id_hash = b.id_hash)
          where a.matter_id = ${m.id} and a.role = 'applicant' and b.matter_id = ${matters.id} and b.role = 'applicant')`,
      ),
    )
    .limit(5);
}

/** Answered consultations inside the jurisdiction whose title or description holds any of the words. */
export async function searchConsultations(
  ex: Executor,
  countyCode: string,
  path: string,
  words: string[],
  limit: number,
) {
  if (words.length === 0) return [];
  const hits = sql.join(
    words.map(
      (w) =>
        sql`(case when ${matters.title} ilike ${`%${escapeLike(w)}%`} or ${matters.description} ilike ${`%${escapeLike(w)}%`} then 1 else 0 end)`,
    ),
    sql` + `,
  );
  return ex
    .select({
      id: matters.id,
      code: matters.code,
      title: matters.title,
      description: matters.description,
      score: sql<number>`(${hits})::int`,
      // Qualified by hand: inside the subquery a bare "id" would name the event's id.
      answer: sql<
        string | null
      >`(select e.reason from ${events} e where e.county_code = "matters"."county_code" and e.object_type = 'matter' and e.object_id = "matters"."id"::text and e.action = 'matter.answered' order by e.id desc limit 1)`,
      answeredAt: sql<Date | null>`(select e.at from ${events} e where e.county_code = "matters"."county_code" and e.object_type = 'matter' and e.object_id = "matters"."id"::text and e.action = 'matter.answered' order by e.id desc limit 1)`,
    })
    .from(matters)
    .where(
      and(
        eq(matters.countyCode, countyCode),
        like(matters.ownerPath, `${escapeLike(path)}%`),
        eq(matters.kind, 'consultation'),
        inArray(matters.status, ['answered', 'rated', 'followed_up', 'archived']),
        sql`(${hits}) > 0`,
      ),
    )
    .orderBy(sql`(${hits}) desc`, desc(matters.createdAt))
    .limit(limit);
}

export async function oneTimeNoticeOf(ex: Executor, matterId: string): Promise<NoticeRow | undefined> {
  const [n] = await ex
    .select()
    .from(matterNotices)
    .where(and(eq(matterNotices.matterId, matterId), eq(matterNotices.kind, 'one_time_notice')));
  return n;
}
