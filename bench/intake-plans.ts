/**
 * `npx tsx bench/intake-plans.ts <database>`: the plan of every statement one intake sends, on a
 * database of the size you want to look at (issue 20: "every per-intake query served by an index").
 * It serves the app in this process on that database (migrating it first), registers three disputes
 * as a clerk (the first two warm the caches), records the statements of the third, including the
 * risk rule that runs after the answer, and prints each with EXPLAIN (ANALYZE, BUFFERS) as markdown.
 * Writes are explained inside a transaction that is rolled back.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/src/app';
import { testConfig } from '../server/src/config';
import { systemClock } from '../server/src/context';
import { openDatabase } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';

const name = process.argv[2];
if (!name) throw new Error('usage: npx tsx bench/intake-plans.ts <database>');
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const u = new URL(base);
u.pathname = `/${name}`;
const url = u.toString();

const seen: { text: string; values: unknown[] }[] = [];
let recording = false;
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...a: unknown[]
) {
  if (recording) {
    const q = a[0] as string | { text: string; values?: unknown[] };
    if (typeof q === 'string') seen.push({ text: q, values: Array.isArray(a[1]) ? (a[1] as unknown[]) : [] });
    else seen.push({ text: q.text, values: q.values ?? (Array.isArray(a[1]) ? (a[1] as unknown[]) : []) });
  }
  return query.apply(this, a);
};

const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
await migrate(database);
const config = testConfig();
const app = await buildApp({ database, clock: systemClock, config, kickSealer: () => {} });
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'town01-clerk', password: config.demoPassword },
});
if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
const cookie = ([] as string[])
  .concat(login.headers['set-cookie'] as string | string[])
  .map((c) => c.split(';')[0])
  .join('; ');
const csrf = login.json().csrfToken as string;
const village = (
  (await database.db.execute(
    sql`select v.id from orgs t join orgs v on v.parent_id = t.id and v.kind = 'village'
        where t.division_code = '620602001' order by v.id limit 1`,
  )) as unknown as { rows: { id: string }[] }
).rows[0]!.id;
const intake = (i: number) =>
  app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '邻里排水沟堵塞纠纷',
      description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
      riskGrade: 'yellow',
      place: { villageId: village, address: '某巷 3 号' },
      parties: [
        { role: 'applicant', name: '王甲乙', phone: `1397${String(Date.now() + i).slice(-7)}` },
        { role: 'respondent', name: '李丙丁' },
      ],
    },
  });
for (let i = 0; i < 2; i++) await intake(i);
recording = true;
const res = await intake(2);
await new Promise((r) => setTimeout(r, 1000)); // the risk rule after the answer
recording = false;
if (res.statusCode !== 201) throw new Error(`intake: ${res.statusCode} ${res.body}`);
await app.close();
await database.close();

const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows: size } = await client.query<{ n: string }>('select count(*) as n from matters');
const out: string[] = [
  `Database \`${name}\`: ${Number(size[0]!.n).toLocaleString('en-US')} matters. ${seen.length} statements for one intake (the third of three by one clerk) and its after-answer risk rule.`,
  '',
];
let n = 0;
for (const s of seen) {
  const text = s.text.replace(/\s+/g, ' ').trim();
  if (/^(begin|commit|rollback)$/i.test(text)) {
    out.push(`${++n}. \`${text}\``, '');
    continue;
  }
  await client.query('begin');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers, costs off) ${s.text}`,
      s.values,
    );
    out.push(
      `${++n}. \`${text.length > 160 ? `${text.slice(0, 160)} …` : text}\``,
      '',
      '```',
      ...rows.map((r) => r['QUERY PLAN']),
      '```',
      '',
    );
  } catch (e) {
    // A replayed insert collides with the row it wrote: its plan without running it.
    await client.query('rollback');
    await client.query('begin');
    const plan = await client
      .query<{ 'QUERY PLAN': string }>(`explain (costs off) ${s.text}`, s.values)
      .then((r) => r.rows.map((x) => x['QUERY PLAN']))
      .catch(() => [`not explained: ${(e as Error).message}`]);
    out.push(
      `${++n}. \`${text.slice(0, 160)} …\` (not run again: ${(e as Error).message})`,
      '',
      '```',
      ...plan,
      '```',
      '',
    );
  } finally {
    await client.query('rollback');
  }
}
await client.end();
console.log(out.join('\n'));
