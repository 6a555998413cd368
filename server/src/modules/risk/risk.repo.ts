/**
 * Reads for the rules (the facts of recent and open matters, in bulk) and the warning store. The rule
 * inputs are read with one query per rule family: the sweep runs over a whole county, so a query per
 * matter would not finish at county scale.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { RiskMatter } from '../../../../core/domain/risk/model';
import type { Executor } from '../../db/client';
import { riskWarnings } from '../../db/schema';
import type { PiiCipher } from '../../pii/pii-cipher';

export type WarningRow = typeof riskWarnings.$inferSelect;

async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  return ((await ex.execute(q)) as unknown as { rows: T[] }).rows;
}

/** The county root (the district org): the acting org of red warnings. */
export async function countyRoot(
  ex: Executor,
  countyCode: string,
): Promise<{ id: string; path: string } | null> {
  const [r] = await rows<{ id: string; path: string }>(
    ex,
    sql`select id, path from orgs where county_code = ${countyCode} and parent_id is null limit 1`,
  );
  return r ?? null;
}

export async function orgPaths(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const got = await rows<{ id: string; path: string }>(
    ex,
    sql`select id, path from orgs where id in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(got.map((r) => [r.id, r.path]));
}

interface FactRow {
  id: string;
  created_at: string | Date;
  village_id: string | null;
  town_id: string | null;
  grid_id: string | null;
  category_code: string;
  address: string | null;
  title: string;
  description: string;
  applicant_hash: string | null;
  respondent: string | null;
}

/**
 * Matters created since `since`, with the first applicant's phone hash (else ID hash) and the first
 * respondent's name. Voided and merged matters are left out: they are not separate happenings.
 */
export async function recentFacts(
  ex: Executor,
  cipher: PiiCipher,
  countyCode: string,
  districtId: string,
  since: Date,
  until: Date,
): Promise<RiskMatter[]> {
  const got = await rows<FactRow>(
    ex,
    sql`select m.id, m.created_at, m.village_id, m.town_id, m.grid_id, m.category_code, m.address,
          m.title, m.description,
          (select coalesce(p.phone_hash, p.id_hash) from matter_parties p
            where p.county_code = ${countyCode} and p.matter_id = m.id and p.role = 'applicant' and coalesce(p.phone_hash, p.id_hash) is not null
            order by p.id limit 1) as applicant_hash,
          (select p.name from matter_parties p
            where p.county_code = ${countyCode} and p.matter_id = m.id and p.role = 'respondent' order by p.id limit 1) as respondent
        from matters m
        where m.county_code = ${countyCode} and m.created_at >= ${since.toISOString()}
          and m.created_at <= ${until.toISOString()} and m.status not in ('voided', 'merged')`,
  );
  return got.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at),
    villageId: r.village_id,
    townId: r.town_id,
    districtId,
    gridId: r.grid_id,
    categoryCode: r.category_code,
    applicantHash: r.applicant_hash,
    address: r.address,
    // Stored sealed (docs/SECURITY.md G31): compared by the rules in memory, never in SQL.
    respondent: cipher.open('name', r.respondent),
    text: `${r.title} ${r.description}`,
  }));
}

export interface EscalationRow {
  id: string;
  code: string;
  village_id: string | null;
  town_id: string | null;
  category_code: string;
  collective: boolean;
  rating: string | null;
  overdue: boolean;
  prior: number;
}

/** Matters the escalation rule looks at: still being handled, or answered but rated unsatisfied. */
const escalationCandidate = sql`(l.status not in ('answered','rated','followed_up','reviewing','reexamining','archived',
                                'not_accepted','channelled','voided','referred_to_court','merged')
               or (l.rating = 'unsatisfied' and l.status not in ('archived','voided','merged')))`;

/**
 * Matters still being handled (or answered but rated unsatisfied), with whether a duty is past due and
 * how many earlier matters the same applicant brought in the year before: the county-wide sweep. The
 * same applicant is matched by phone and by ID number in two branches, each on its own index: one join
 * with an OR of both scanned every party of the county (8.7 ms per intake at 20,000 matters, against
 * 0.2 ms this way). Every table names the county as a constant, not through `l.county_code`: on a Citus
 * cluster that sends the whole statement to the county's shard, where correlated subqueries are fine;
 * matched through a CTE it was refused as a cross-shard join.
 */
export async function escalationFacts(ex: Executor, countyCode: string, now: Date): Promise<EscalationRow[]> {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  return rows<EscalationRow>(
    ex,
    sql`select l.id, l.code, l.village_id, l.town_id, l.category_code, l.collective, l.rating,
          exists (select 1 from deadlines d where d.county_code = ${countyCode} and d.matter_id = l.id
                  and ((d.status in ('running','paused') and d.due_at < ${now.toISOString()})
                       or d.status = 'overdue')) as overdue,
          coalesce((select count(distinct x.matter_id)::int from (
                      select o.matter_id from matter_parties a
                        join matter_parties o on o.county_code = a.county_code and o.phone_hash = a.phone_hash
                       where a.county_code = ${countyCode} and o.county_code = ${countyCode}
                         and a.matter_id = l.id and a.role = 'applicant'
                         and o.role = 'applicant' and o.matter_id <> a.matter_id
                      union all
                      select o.matter_id from matter_parties a
                        join matter_parties o on o.county_code = a.county_code and o.id_hash = a.id_hash
                       where a.county_code = ${countyCode} and o.county_code = ${countyCode}
                         and a.matter_id = l.id and a.role = 'applicant'
                         and o.role = 'applicant' and o.matter_id <> a.matter_id
                    ) x
                    join matters om on om.county_code = ${countyCode} and om.id = x.matter_id
                      and om.created_at < l.created_at and om.created_at >= ${yearAgo}), 0) as prior
        from matters l
        where l.county_code = ${countyCode} and ${escalationCandidate}`,
  );
}

/**
 * The same facts for one matter (the rule right after intake), read in small steps that each start
 * from a key: the matter, its applicants' hashes, the parties with those hashes, their matters. As one
 * statement the planner was free to start from the county's matters of the year, and did so on a
 * county whose statistics lagged behind a morning's intakes (a new install, the bench's fresh
 * database: 430 ms per intake at 2,000 matters, found by auto_explain); here every step is an index
 * lookup whatever the statistics say.
 */
export async function escalationFactsOfMatter(
  ex: Executor,
  countyCode: string,
  now: Date,
  id: string,
): Promise<EscalationRow[]> {
  const [l] = await rows<Omit<EscalationRow, 'prior'> & { created_at: string }>(
    ex,
    sql`select l.id, l.code, l.village_id, l.town_id, l.category_code, l.collective, l.rating,
          l.created_at::text as created_at,
          exists (select 1 from deadlines d where d.county_code = ${countyCode} and d.matter_id = ${id}
                  and ((d.status in ('running','paused') and d.due_at < ${now.toISOString()})
                       or d.status = 'overdue')) as overdue
        from matters l
        where l.county_code = ${countyCode} and l.id = ${id} and ${escalationCandidate}`,
  );
  if (!l) return [];
  const { created_at: createdAt, ...facts } = l;
  const hashes = await rows<{ phone_hash: string | null; id_hash: string | null }>(
    ex,
    sql`select phone_hash, id_hash from matter_parties
        where county_code = ${countyCode} and matter_id = ${id} and role = 'applicant'`,
  );
  const phones = [...new Set(hashes.map((h) => h.phone_hash).filter((h) => h !== null))];
  const idNumbers = [...new Set(hashes.map((h) => h.id_hash).filter((h) => h !== null))];
  const byHash = (column: SQL, values: string[]) =>
    values.length === 0
      ? Promise.resolve([])
      : rows<{ matter_id: string }>(
          ex,
          sql`select distinct matter_id from matter_parties
              where county_code = ${countyCode} and role = 'applicant' and ${column} in (${sql.join(
                values.map((v) => sql`${v}`),
                sql`, `,
              )}) and matter_id <> ${id}`,
        );
  const others = [
    ...new Set(
      [...(await byHash(sql`phone_hash`, phones)), ...(await byHash(sql`id_hash`, idNumbers))].map(
        (r) => r.matter_id,
      ),
    ),
  ];
  let prior = 0;
  if (others.length > 0) {
    const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
    const [c] = await rows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from matters
          where county_code = ${countyCode} and id in (${sql.join(
            others.map((o) => sql`${o}::uuid`),
            sql`, `,
          )})
            and created_at < ${createdAt}::timestamptz and created_at >= ${yearAgo}::timestamptz`,
    );
    prior = Number(c?.n ?? 0);
  }
  return [{ ...facts, prior }];
}

export async function warningsByKeys(
  ex: Executor,
  countyCode: string,
  keys: string[],
): Promise<WarningRow[]> {
  if (keys.length === 0) return [];
  return ex
    .select()
    .from(riskWarnings)
    .where(and(eq(riskWarnings.countyCode, countyCode), inArray(riskWarnings.dedupKey, keys)));
}

export async function insertWarning(ex: Executor, row: typeof riskWarnings.$inferInsert) {
  await ex.insert(riskWarnings).values(row);
}

export async function refreshWarning(
  ex: Executor,
  countyCode: string,
  id: string,
  set: Pick<WarningRow, 'grade' | 'explanation' | 'matterIds' | 'targetOrgId' | 'targetPath' | 'lastSeenAt'>,
) {
  await ex
    .update(riskWarnings)
    .set(set)
    .where(and(eq(riskWarnings.countyCode, countyCode), eq(riskWarnings.id, id)));
}

export async function warningById(ex: Executor, county: string, id: string): Promise<WarningRow | null> {
  const [w] = await ex
    .select()
    .from(riskWarnings)
    .where(and(eq(riskWarnings.countyCode, county), eq(riskWarnings.id, id)));
  return w ?? null;
}

export async function setStatus(
  ex: Executor,
  w: WarningRow,
  set: Pick<WarningRow, 'status' | 'dismissalReason' | 'handledBy' | 'handledAt'> &
    Partial<Pick<WarningRow, 'meetingId' | 'agendaItemId'>>,
) {
  const done = await ex
    .update(riskWarnings)
    .set(set)
    .where(
      and(
        eq(riskWarnings.countyCode, w.countyCode),
        eq(riskWarnings.id, w.id),
        eq(riskWarnings.status, 'open'),
      ),
    )
    .returning({ id: riskWarnings.id });
  return done.length === 1;
}

export interface ListFilter {
  status?: string;
  rule?: string;
  grade?: string;
}

function listWhere(countyCode: string, path: string, f: ListFilter): SQL {
  return sql`county_code = ${countyCode} and target_path like ${`${path}%`}
    ${f.status ? sql`and status = ${f.status}` : sql``}
    ${f.rule ? sql`and rule = ${f.rule}` : sql``}
    ${f.grade ? sql`and grade = ${f.grade}` : sql``}`;
}

export async function listWarnings(
  ex: Executor,
  countyCode: string,
  path: string,
  f: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ items: WarningRow[]; total: number }> {
  const where = listWhere(countyCode, path, f);
  const [{ n }] = (await rows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from risk_warnings where ${where}`,
  )) as [{ n: number }];
  const items = await ex
    .select()
    .from(riskWarnings)
    .where(where)
    .orderBy(
      sql`case ${riskWarnings.status} when 'open' then 0 else 1 end`,
      sql`case ${riskWarnings.grade} when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end`,
      sql`${riskWarnings.lastSeenAt} desc`,
      riskWarnings.id,
    )
    .limit(page.limit)
    .offset(page.offset);
  return { items, total: n };
}

export async function dismissalCounts(
  ex: Executor,
  countyCode: string,
  path: string,
): Promise<{ rule: string; raised: number; open: number; dismissed: number }[]> {
  return rows(
    ex,
    sql`select rule, count(*)::int as raised,
          count(*) filter (where status = 'open')::int as open,
          count(*) filter (where status = 'dismissed')::int as dismissed
        from risk_warnings where county_code = ${countyCode} and target_path like ${`${path}%`}
        group by rule`,
  );
}
