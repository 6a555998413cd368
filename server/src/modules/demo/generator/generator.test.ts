/**
 * The generator fills the seeded demo county with matters that the app reads like its own: they show
 * in the queues, open with their allowed actions, and the app's next intake continues their codes.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../../../../core/domain/time-limits';
import { disputeBody, register, view } from '../../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../../test/test-app';
import { piiCipher } from '../../../pii/pii-cipher';
import { escalationFacts } from '../../risk/risk.repo';
import { ESCALATION_CASES, type GenerateOutcome, generateMatters } from './generate.service';

let t: TestApp;
let out: GenerateOutcome;

const anomalyCodes = () => `{${out.truth.flatMap((a) => a.codes ?? []).join(',')}}`;
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  out = await generateMatters(
    t.deps,
    { requestId: 'test-generate', ip: null, actor: null },
    {
      countyCode: '620602',
      matters: 1500,
      years: 2,
      anomalies: true,
      seed: 7,
      asOf: t.clock.now(),
      piiKey: t.deps.config.piiHashKey,
      cipher: piiCipher(t.deps.config),
    },
  );
});
afterAll(() => t.close());

describe('generator', () => {
  it('writes the matters it reports, with injected anomalies on top, and records the run', async () => {
    const [c] = await rows<{ n: number }>(sql`select count(*)::int as n from matters`);
    expect(c!.n).toBe(out.matters);
    expect(out.matters).toBeGreaterThan(1500);
    expect(out.truth.length).toBeGreaterThanOrEqual(6);
    expect(out.truth.every((a) => a.codes?.length === a.specIndexes.length)).toBe(true);
    const ev = await rows<{ n: number }>(
      sql`select count(*)::int as n from events where action = 'dataset.generated'`,
    );
    expect(ev[0]!.n).toBe(1);
  });

  it("writes escalation truth: open matters at asOf, a future date, and the applicant's earlier matters", async () => {
    const cases = out.truth.filter((a) => a.kind === 'escalation');
    expect(cases).toHaveLength(ESCALATION_CASES);
    expect(out.decoys).toHaveLength(2 * ESCALATION_CASES);
    const asOf = toLocalDate(t.clock.now());
    const horizon = toLocalDate(new Date(t.clock.now().getTime() + 60 * 86_400_000));
    for (const a of cases) {
      expect(a.escalatesOn! > asOf && a.escalatesOn! <= horizon).toBe(true);
    }
    expect(out.decoys.every((d) => d.escalatesOn === undefined)).toBe(true);
    const caseCodes = new Set(cases.map((a) => a.codes![0]!));
    expect(out.decoys.some((d) => caseCodes.has(d.codes![0]!))).toBe(false);
    for (const a of [...cases, ...out.decoys]) {
      const [head, ...priors] = a.codes!;
      const [m] = await rows<{ status: string; created: string; phone: string | null; open: boolean }>(sql`
        select m.status, m.created_at::text as created, p.phone_hash as phone,
               exists (select 1 from deadlines d where d.county_code = '620602' and d.matter_id = m.id
                       and d.status = 'running') as open
        from matters m join matter_parties p
          on p.county_code = m.county_code and p.matter_id = m.id and p.role = 'applicant'
        where m.county_code = '620602' and m.code = ${head!}`);
      expect(m, head).toBeDefined();
      expect(['handling', 'rated']).toContain(m!.status);
      expect(m!.open).toBe(true);
      expect(m!.phone).not.toBeNull();
      // Every earlier matter exists, came before, and has the same applicant by phone hash, as the rule counts.
      const earlier = await rows<{ code: string }>(sql`
        select m.code from matters m join matter_parties p
          on p.county_code = m.county_code and p.matter_id = m.id and p.role = 'applicant'
        where m.county_code = '620602' and p.phone_hash = ${m!.phone} and m.created_at < ${m!.created}::timestamptz`);
      expect(earlier.map((e) => e.code).sort()).toEqual([...priors].sort());
    }
    // What the production rule reads for them: the prior count it sees is the number injected.
    const facts = await escalationFacts(t.database.db, '620602', t.clock.now());
    const byCode = new Map(facts.map((f) => [f.code, f]));
    // A case rated satisfied is still open (follow-up) but outside what the rule reads: a sure miss.
    const read = cases.filter((a) => byCode.has(a.codes![0]!));
    expect(read.length).toBeGreaterThan(cases.length / 2);
    for (const a of read) expect(byCode.get(a.codes![0]!)!.prior).toBe(a.codes!.length - 1);
    // The signals are drawn, so some cases are weak: not every case is overdue or unsatisfied.
    const signals = read.map((a) => byCode.get(a.codes![0]!)!);
    expect(signals.some((f) => !f.overdue && f.rating !== 'unsatisfied')).toBe(true);
    expect(signals.some((f) => f.overdue)).toBe(true);
  });

  it('leaves every unfinished matter with a running deadline and no matter in the future', async () => {
    const bad = await rows<{ n: number }>(sql`
      select count(*)::int as n from matters m where m.county_code = '620602' and m.status not in ('merged', 'archived')
      and not exists (select 1 from deadlines d where d.county_code = '620602' and d.matter_id = m.id
                      and d.status in ('running', 'paused'))`);
    expect(bad[0]!.n).toBe(0);
    const future = await rows<{ n: number }>(
      sql`select count(*)::int as n from matters where created_at > ${t.clock.now().toISOString()}::timestamptz`,
    );
    expect(future[0]!.n).toBe(0);
  });

  it('closes most village matters in the village and has wage disputes peak before Spring Festival', async () => {
    const [v] = await rows<{ done: number; local: number }>(sql`
      select count(*) filter (where status in ('archived','answered','rated','followed_up'))::int as done,
             count(*) filter (where status in ('archived','answered','rated','followed_up') and owner_level = 'village')::int as local
      from matters where intake_level = 'village'`);
    expect(v!.local / v!.done).toBeGreaterThan(0.7);
    expect(v!.local / v!.done).toBeLessThan(0.95);
    const [w] = await rows<{ winter: number; summer: number }>(sql`
      select count(*) filter (where extract(month from created_at at time zone 'Asia/Shanghai') in (12, 1))::float / nullif(count(*) filter (where extract(month from created_at at time zone 'Asia/Shanghai') in (7, 8)), 0) as winter,
             1 as summer
      from matters where category_code = 'MED-16' and kind = 'dispute' and not (code = any(${anomalyCodes()}))`);
    expect(w!.winter).toBeGreaterThan(2);
  });

  it('gives matters the app lists, opens with allowed actions, and continues the code sequence after', async () => {
    const leader = await t.login('leader');
    const list = await leader.request({ method: 'GET', url: '/api/matters?queue=overdue&pageSize=5' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    const [open] = await rows<{ id: string }>(sql`
      select m.id from matters m join orgs o on o.id = m.owner_org_id
      where m.status = 'handling' and o.kind = 'district' limit 1`);
    const handler = await t.login('handler');
    const m = await view(handler, open!.id);
    expect(m.allowedActions.length).toBeGreaterThan(0);
    expect(m.deadlines.length).toBeGreaterThan(0);

    const clerk = await t.login('village-clerk');
    const [me] = await rows<{ org: string }>(
      sql`select org_id as org from users where username = 'village-clerk'`,
    );
    const village = me!.org;
    const made = await register(clerk, disputeBody(village));
    const [max] = await rows<{ code: string }>(
      sql`select max(code) as code from matters where code like '620602-2026-%' and id <> ${made.matter.id}`,
    );
    expect(made.matter.code > max!.code).toBe(true);
  });
});
