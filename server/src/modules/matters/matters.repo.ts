import { and, asc, count, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  agreementSignatures,
  deadlines,
  events,
  matterParties,
  matters,
  mediationAgreements,
  supervisionOrders,
} from '../../db/schema';
import type { PiiCipher } from '../../pii/pii-cipher';
import { escapeLike } from '../orgs/orgs.repo';

export type MatterRow = typeof matters.$inferSelect;

export type NewMatter = typeof matters.$inferInsert;

export type PartyRow = typeof matterParties.$inferSelect;

type PartyInsert = typeof matterParties.$inferInsert;

/**
 * Names, addresses, ID and phone numbers are stored sealed (docs/SECURITY.md G31): this repo seals and
 * opens them. Nothing searches by name or address, so they need no keyed hash (ID and phone have one).
 */
function sealParty<T extends Partial<PartyInsert>>(cipher: PiiCipher, row: T): T {
  const out = { ...row };
  if (row.name !== undefined) out.name = cipher.seal('name', row.name) as string;
  if (row.address !== undefined) out.address = cipher.seal('address', row.address);
  if (row.phone !== undefined) out.phone = cipher.seal('phone', row.phone);
  if (row.idNumber !== undefined) out.idNumber = cipher.seal('id', row.idNumber);
  return out;
}

function openParty(cipher: PiiCipher, row: PartyRow): PartyRow {
  return {
    ...row,
    name: cipher.open('name', row.name) as string,
    address: cipher.open('address', row.address),
    phone: cipher.open('phone', row.phone),
    idNumber: cipher.open('id', row.idNumber),
  };
}

/** Rows to insert, identity sealed (intake's one-statement write, intake-persist.ts). */
export function sealParties(cipher: PiiCipher, rows: PartyInsert[]): PartyInsert[] {
  return rows.map((r) => sealParty(cipher, r));
}

/** Rows as written, identity opened again as a read would give it. */
export function openParties(cipher: PiiCipher, rows: PartyRow[]): PartyRow[] {
  return rows.map((r) => openParty(cipher, r));
}

/**
 * The per-county, per-year number of a matter code. A sequence per county and year: numbers are
 * handed out without a lock on any row, so intakes never wait for one another (a rolled-back
 * intake leaves a gap, which a code may have).
 */
function seqName(countyCode: string, year: number): string {
  const name = `matter_seq_${countyCode}_${year}`;
  if (!/^matter_seq_\d{6}_\d{4}$/.test(name)) throw new Error('bad sequence name');
  return name;
}

/**
 * Reserves `n` consecutive numbers of the county's year and returns the last. The year's sequence is
 * made on first use by the database function zz_reserve_matter_numbers (migration 0023), with its
 * owner's rights: the server's role needs no CREATE on the schema, and inside the intake's own
 * transaction a rolled-back intake leaves at most a gap, which a code may have.
 */
export async function reserveMatterNumbers(
  ex: Executor,
  countyCode: string,
  year: number,
  n = 1,
): Promise<number> {
  const res = (await ex.execute(
    sql`select zz_reserve_matter_numbers(${seqName(countyCode, year)}, ${n})::int as last`,
  )) as unknown as { rows: { last: number }[] };
  return Number(res.rows[0]?.last);
}

/** The row as written (intake answers with it instead of reading it again). */
export async function insertMatter(ex: Executor, row: NewMatter): Promise<MatterRow> {
  const [written] = await ex.insert(matters).values(row).returning();
  return written!;
}

/** The rows as written, identity opened again as a read would give it. */
export async function insertParties(
  ex: Executor,
  cipher: PiiCipher,
  rows: PartyInsert[],
): Promise<PartyRow[]> {
  if (!rows.length) return [];
  const written = await ex
    .insert(matterParties)
    .values(rows.map((r) => sealParty(cipher, r)))
    .returning();
  return written.map((r) => openParty(cipher, r));
}

export async function updateParty(
  ex: Executor,
  county: string,
  cipher: PiiCipher,
  matterId: string,
  id: string,
  patch: Partial<PartyInsert>,
): Promise<PartyRow | undefined> {
  const [row] = await ex
    .update(matterParties)
    .set(sealParty(cipher, patch))
    .where(
      and(
        eq(matterParties.countyCode, county),
        eq(matterParties.matterId, matterId),
        eq(matterParties.id, id),
      ),
    )
    .returning();
  return row && openParty(cipher, row);
}

/**
 * Parties stored before encryption or sealed with a previous key, a batch at a time, and their
 * rewrite under the current key (the start-up re-seal, server/src/pii/pii-reseal.ts).
 */
export async function partiesToReseal(ex: Executor, cipher: PiiCipher, limit: number): Promise<PartyRow[]> {
  const current = `enc1:${cipher.currentKeyId}:%`;
  return ex
    .select()
    .from(matterParties)
    .where(
      or(
        sql`${matterParties.name} not like ${current}`,
        sql`${matterParties.address} is not null and ${matterParties.address} not like ${current}`,
        sql`${matterParties.phone} is not null and ${matterParties.phone} not like ${current}`,
        sql`${matterParties.idNumber} is not null and ${matterParties.idNumber} not like ${current}`,
      ),
    )
    .limit(limit);
}

export async function resealParty(ex: Executor, cipher: PiiCipher, row: PartyRow): Promise<void> {
  const open = openParty(cipher, row);
  await ex
    .update(matterParties)
    .set(
      sealParty(cipher, {
        name: open.name,
        address: open.address,
        phone: open.phone,
        idNumber: open.idNumber,
      }),
    )
    .where(and(eq(matterParties.countyCode, row.countyCode), eq(matterParties.id, row.id)));
}

/**
 * After a re-seal: rewrites the table so the plaintext's dead row versions leave the data files, and
 * validates the checks (migration 0026) that every stored ID and phone number is sealed.
 */
export async function compactAndValidateParties(ex: Executor): Promise<void> {
  await ex.execute(sql`vacuum full matter_parties`);
  await ex.execute(sql`alter table matter_parties validate constraint matter_parties_phone_sealed`);
  await ex.execute(sql`alter table matter_parties validate constraint matter_parties_id_sealed`);
  await ex.execute(sql`alter table matter_parties validate constraint matter_parties_name_sealed`);
  await ex.execute(sql`alter table matter_parties validate constraint matter_parties_address_sealed`);
}

export async function byId(ex: Executor, county: string, id: string): Promise<MatterRow | undefined> {
  const [m] = await ex
    .select()
    .from(matters)
    .where(and(eq(matters.countyCode, county), eq(matters.id, id)));
  return m;
}

export async function byIds(ex: Executor, county: string, ids: string[]): Promise<MatterRow[]> {
  if (!ids.length) return [];
  return ex
    .select()
    .from(matters)
    .where(and(eq(matters.countyCode, county), inArray(matters.id, ids)));
}

export async function partyNamesOf(
  ex: Executor,
  county: string,
  cipher: PiiCipher,
  matterIds: string[],
): Promise<string[]> {
  if (!matterIds.length) return [];
  const rows = await ex
    .select({ name: matterParties.name })
    .from(matterParties)
    .where(and(eq(matterParties.countyCode, county), inArray(matterParties.matterId, matterIds)));
  return rows.map((r) => cipher.open('name', r.name) as string);
}

/** Each matter's party names (to mask them where typed into a title). */
export async function partyNamesByMatter(
  ex: Executor,
  county: string,
  cipher: PiiCipher,
  matterIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!matterIds.length) return out;
  const rows = await ex
    .select({ matterId: matterParties.matterId, name: matterParties.name })
    .from(matterParties)
    .where(and(eq(matterParties.countyCode, county), inArray(matterParties.matterId, matterIds)));
  for (const r of rows) {
    out.set(r.matterId, [...(out.get(r.matterId) ?? []), cipher.open('name', r.name) as string]);
  }
  return out;
}

export async function byCode(ex: Executor, county: string, code: string): Promise<MatterRow | undefined> {
  const [m] = await ex
    .select()
    .from(matters)
    .where(and(eq(matters.countyCode, county), eq(matters.code, code)));
  return m;
}

/** Locks the matter row for the rest of the transaction: concurrent actions on it queue here. */
export async function lockById(ex: Executor, county: string, id: string): Promise<MatterRow | undefined> {
  const [m] = await ex
    .select()
    .from(matters)
    .where(and(eq(matters.countyCode, county), eq(matters.id, id)))
    .for('update');
  return m;
}

export async function updateMatter(
  ex: Executor,
  county: string,
  id: string,
  version: number,
  patch: Partial<NewMatter>,
): Promise<MatterRow | undefined> {
  const [row] = await ex
    .update(matters)
    .set({ ...patch, version: sql`${matters.version} + 1` })
    .where(and(eq(matters.countyCode, county), eq(matters.id, id), eq(matters.version, version)))
    .returning();
  return row;
}

export async function partiesOf(
  ex: Executor,
  county: string,
  cipher: PiiCipher,
  matterId: string,
): Promise<PartyRow[]> {
  const rows = await ex
    .select()
    .from(matterParties)
    .where(and(eq(matterParties.countyCode, county), eq(matterParties.matterId, matterId)))
    .orderBy(asc(matterParties.createdAt));
  return rows.map((r) => openParty(cipher, r));
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

export interface ListFilter {
  countyCode: string;
  path: string;
  orgId: string;
  userId: string;
  queue: string;
  q?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  gridId?: string | undefined;
  now: Date;
  soon: Date;
  /** The end of the local (China Standard Time) day: the 今日到期 queue. */
  endOfToday: Date;
}

/**
 * The visibility rule as SQL: inside the jurisdiction as owner, as the receiver, as a co-handler, or as
 * the mediator assigned now or who brought it to an agreement.
 */
export function visibleTo(countyCode: string, path: string, orgId: string, userId: string): SQL {
  const p = `${escapeLike(path)}%`;
  return and(
    eq(matters.countyCode, countyCode),
    or(
      like(matters.ownerPath, p),
      like(matters.pendingPath, p),
      sql`${matters.state}->'coHandlers' @> ${JSON.stringify([{ org: { id: orgId } }])}::jsonb`,
      sql`${matters.state}->'mediation'->>'mediatorId' = ${userId}`,
      sql`${matters.state}->'pastMediatorIds' @> ${JSON.stringify([userId])}::jsonb`,
      sql`${matters.state}->'mediation'->>'committeeId' = ${orgId}`,
    ),
  )!;
}

const liveDue = (cond: SQL) =>
  sql`exists (select 1 from ${deadlines} d where d.county_code = ${matters.countyCode} and d.matter_id = ${matters.id} and d.status = 'running' and ${cond})`;

/** What puts a matter in the queue, beside visibility; undefined for 'all'. */
function queueCondition(f: Omit<ListFilter, 'queue'>, queue: string): SQL | undefined {
  const p = `${escapeLike(f.path)}%`;
  const now = sql`${f.now.toISOString()}::timestamptz`;
  switch (queue) {
    case 'mine':
      return sql`${matters.state}->>'handlerUserId' = ${f.userId}`;
    case 'org':
      return eq(matters.ownerOrgId, f.orgId);
    case 'incoming':
      // 待签收/受理: sent to an org here and not yet signed for, or registered here and not yet
      // accepted (verified) — the dashboard's live "待签收/受理" figure (measures.sql.ts unowned).
      return or(
        and(eq(matters.status, 'transferring'), like(matters.pendingPath, p)),
        and(eq(matters.status, 'registered'), like(matters.ownerPath, p)),
      );
    case 'due_today':
      return liveDue(sql`d.due_at >= ${now} and d.due_at <= ${f.endOfToday.toISOString()}::timestamptz`);
    case 'due_soon':
      return liveDue(sql`d.due_at > ${now} and d.due_at <= ${f.soon.toISOString()}::timestamptz`);
    case 'overdue':
      return liveDue(sql`d.due_at < ${now}`);
    case 'supervised':
      return sql`exists (select 1 from ${supervisionOrders} s where s.county_code = ${matters.countyCode} and s.matter_id = ${matters.id} and s.answered_at is null)`;
    case 'awaiting_rating':
      return eq(matters.status, 'answered');
    case 'awaiting_visit':
      return eq(matters.status, 'rated');
    case 'awaiting_seal':
      // 待盖章: a written agreement of this 人民调解委员会 signed by every party and the mediator, with
      // only its seal missing (人民调解法 art. 29: the committee that mediated seals it).
      return sql`exists (
        select 1 from ${mediationAgreements} a
        where a.county_code = ${matters.countyCode} and a.matter_id = ${matters.id} and a.org_id = ${f.orgId} and a.form = 'written' and a.status = 'draft'
          and not exists (select 1 from ${agreementSignatures} s
                          where s.county_code = a.county_code and s.agreement_id = a.id and s.signer = 'org')
          and exists (select 1 from ${agreementSignatures} s
                      where s.county_code = a.county_code and s.agreement_id = a.id and s.signer = 'mediator')
          and (select count(*) from ${agreementSignatures} s
               where s.county_code = a.county_code and s.agreement_id = a.id and s.signer like 'party:%')
            >= jsonb_array_length(a.content->'parties'))`;
    default:
      return undefined;
  }
}

function listWhere(f: ListFilter): SQL {
  const parts: (SQL | undefined)[] = [
    visibleTo(f.countyCode, f.path, f.orgId, f.userId),
    queueCondition(f, f.queue),
  ];
  if (f.q)
    parts.push(or(ilike(matters.title, `%${escapeLike(f.q)}%`), ilike(matters.code, `%${escapeLike(f.q)}%`)));
  if (f.kind) parts.push(eq(matters.kind, f.kind));
  if (f.status) parts.push(eq(matters.status, f.status));
  if (f.gridId) parts.push(eq(matters.gridId, f.gridId));
  return and(...parts)!;
}

/** Every queue's count in one pass over the visible matters (count … filter per queue). */
export async function queueCounts<Q extends string>(
  ex: Executor,
  f: Omit<ListFilter, 'queue'>,
  queues: readonly Q[],
): Promise<Record<Q, number>> {
  const fields = Object.fromEntries(
    queues.map((q) => {
      const cond = queueCondition(f, q) ?? sql`true`;
      return [q, sql<number>`count(*) filter (where ${cond})`.mapWith(Number)];
    }),
  ) as Record<Q, SQL.Aliased<number> | SQL<number>>;
  const [row] = await ex
    .select(fields as Record<string, SQL<number>>)
    .from(matters)
    .where(visibleTo(f.countyCode, f.path, f.orgId, f.userId));
  return Object.fromEntries(queues.map((q) => [q, Number(row?.[q] ?? 0)])) as Record<Q, number>;
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

export * from './deadlines.repo';
export * from './lookup.repo';
export * from './notices.repo';
