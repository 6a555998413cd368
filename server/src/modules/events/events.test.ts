import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { type Database, openDatabase } from '../../db/client';
import { sealAll, sealBatch, verifyChain } from './events.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const rows = async (q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

/**
 * What a superuser can do: switch the append-only triggers off for one statement. On Citus a
 * distributed table's trigger is switched only with unsafe triggers allowed, for this transaction
 * (elsewhere an inert setting).
 */
async function tamperIn(database: Database, statement: ReturnType<typeof sql>) {
  await database.transaction(async (tx) => {
    await tx.execute(sql`select set_config('citus.enable_unsafe_triggers', 'on', true)`);
    await tx.execute(sql`alter table events disable trigger events_append_only`);
    await tx.execute(sql`alter table event_seals disable trigger event_seals_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table events enable trigger events_append_only`);
    await tx.execute(sql`alter table event_seals enable trigger event_seals_append_only`);
  });
}

describe('the event log', () => {
  it('records a change with who, role, org, before and after, in the same transaction', async () => {
    const town = await orgByDivision(t, '620602001');
    const admin = await t.login('admin');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${town.id}`,
      payload: { centerName: '东大街街道综治中心（新址）' },
    });
    expect(res.statusCode).toBe(200);
    const [e] = await rows(sql`select * from events where object_id = ${town.id} and action = 'org.updated'`);
    expect(e).toMatchObject({
      county_code: '620602',
      actor_role: 'admin',
      object_type: 'org',
      result: 'ok',
      before: { centerName: '东大街街道综治中心', name: '东大街街道', active: true },
      after: { centerName: '东大街街道综治中心（新址）' },
    });
    expect(e?.actor_id).toBe(admin.userId);
    expect(e?.request_id).toBe(res.headers['x-request-id']);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const refusal = async (q: ReturnType<typeof sql>) => {
      try {
        await t.database.db.execute(q);
        return 'accepted';
      } catch (e) {
        const err = e as { message: string; cause?: { message?: string } };
        return err.cause?.message ?? err.message;
      }
    };
    // Each statement names the county (the multi-shard guard on Citus would refuse it first); on Citus
    // the trigger fires on the county's shard, which the message names (events_102064).
    expect(await refusal(sql`update events set action = 'x' where county_code = '620602'`)).toMatch(
      /append-only table events(_\d+)?: UPDATE refused/,
    );
    expect(await refusal(sql`delete from events where county_code = '620602'`)).toMatch(
      /append-only table events(_\d+)?: DELETE refused/,
    );
    expect(await refusal(sql`truncate events`)).toMatch(/append-only table events(_\d+)?: TRUNCATE refused/);
    expect(await refusal(sql`delete from event_seals where county_code = '620602'`)).toMatch(
      /append-only table event_seals/,
    );
  });

  it('seals every event into its county chain, and a rerun seals nothing more', async () => {
    // The sealer seals only below the cluster-wide snapshot xmin (docs: it waits for older
    // transactions). On a PostgreSQL shared with other test files, their open transactions hold it
    // back for a moment: seal until nothing is left, within a generous limit.
    const until = Date.now() + 30_000;
    for (;;) {
      await sealAll(t.database, t.clock);
      if ((await verifyChain(t.database)).unsealed === 0 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await sealBatch(t.database, t.clock)).toBe(0);
    const v = await verifyChain(t.database);
    expect(v).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    expect(v.checked).toBeGreaterThan(0);
  });
});

describe('the chain verifier', () => {
  // A superuser can switch the triggers off; the chain still tells.
  const tamper = (statement: ReturnType<typeof sql>) => tamperIn(t.database, statement);

  it('names the first row altered by hand', async () => {
    const admin = await t.login('admin');
    const town = await orgByDivision(t, '620602003');
    await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${town.id}`,
      payload: { centerName: '东关街街道综治中心甲' },
    });
    await sealAll(t.database, t.clock);
    const [target] = await rows(
      sql`select id, county_code from events where object_id = ${town.id} order by id desc limit 1`,
    );
    const [seal] = await rows(
      sql`select chain_no from event_seals where event_id = ${target!.id} and county_code = '620602'`,
    );
    await tamper(
      sql`update events set after = '{"centerName":"篡改"}'::jsonb where id = ${target!.id} and county_code = '620602'`,
    );
    const v = await verifyChain(t.database);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({
      countyCode: '620602',
      chainNo: Number(seal!.chain_no),
      eventId: String(target!.id),
    });
    expect(v.firstBroken?.problem).toMatch(/被改动/);
  });

  it('names a deleted event and a deleted seal', async () => {
    const fresh = await createTestApp();
    try {
      await sealAll(fresh.database, fresh.clock);
      await tamperIn(
        fresh.database,
        sql`delete from events where county_code = '620602' and id = (select min(id) from events where county_code = '620602')`,
      );
      const v = await verifyChain(fresh.database);
      expect(v.ok).toBe(false);
      expect(v.firstBroken?.problem).toMatch(/已不存在/);
    } finally {
      await fresh.close();
    }
  });
});

describe('the sealer and writers that overlap', () => {
  it.runIf(!!process.env.TEST_DATABASE_URL)(
    'waits for a slower writer that started first, so no event is left out of the chain',
    async () => {
      // Two connections: a slow writer holds its transaction open while a fast one commits.
      const own = await createTestApp();
      const second = await openDatabase({ databaseUrl: own.database.url, poolSize: 2 });
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const slow = second.transaction(async (tx) => {
        await tx.execute(sql`select pg_current_xact_id()`);
        await tx.execute(
          sql`insert into events (county_code, at, action, object_type) values ('620602', now(), 'test.slow', 'test')`,
        );
        await held;
      });
      await new Promise((r) => setTimeout(r, 50));
      await own.database.db.execute(
        sql`insert into events (county_code, at, action, object_type) values ('620602', now(), 'test.fast', 'test')`,
      );
      await sealAll(own.database, own.clock);
      const rows = async (q: ReturnType<typeof sql>) =>
        ((await own.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
      const fastSealed = await rows(
        sql`select count(*)::int n from event_seals s join events e on e.county_code = s.county_code and e.id = s.event_id where e.action = 'test.fast'`,
      );
      expect(fastSealed[0]?.n).toBe(0);
      release();
      await slow;
      await sealAll(own.database, own.clock);
      const both = await rows(
        sql`select e.action, s.chain_no from event_seals s join events e on e.county_code = s.county_code and e.id = s.event_id where e.action like 'test.%' order by s.chain_no`,
      );
      expect(both.map((r) => r.action)).toEqual(['test.slow', 'test.fast']);
      expect((await verifyChain(own.database)).ok).toBe(true);
      await second.close();
      await own.close();
    },
  );
});
