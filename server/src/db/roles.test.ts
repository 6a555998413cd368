/**
 * The application's database role cannot disarm the event log (docs/SECURITY.md G12): on PostgreSQL,
 * migrations run as an owner role and the server as an application role, which works normally but
 * is refused ALTER TABLE, UPDATE, DELETE and TRUNCATE on `events` and `event_seals`, may not insert a
 * seal itself, and gets from the owner's sealing function (migration 0027) only the next seal in order.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock, SEED_TIME } from '../../test/clock';
import { buildApp } from '../app';
import { boot } from '../bootstrap';
import { testConfig } from '../config';
import { GENESIS_HASH, sealAll, verifyChain } from '../modules/events/events.service';
import { openDatabase } from './client';

const base = process.env.TEST_DATABASE_URL;

describe.runIf(!!base)('two database roles on PostgreSQL', () => {
  const ownerRole = `zz_owner_${process.pid}`;
  const appRole = `zz_app_${process.pid}`;
  const dbName = `zz_roles_${process.pid}`;
  const urlAs = (role: string) => {
    const u = new URL(base!);
    u.username = role;
    u.password = '';
    u.pathname = `/${dbName}`;
    return u.toString();
  };
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    for (const role of [ownerRole, appRole]) {
      await admin.query(
        `do $$ begin if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} login; end if; end $$`,
      );
    }
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName} owner ${ownerRole}`);
  });

  afterAll(async () => {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`drop role if exists ${appRole}`);
    await admin.query(`drop role if exists ${ownerRole}`);
    await admin.end();
  });

  const asRole = async <T>(role: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: urlAs(role) });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const refusal = (role: string, statement: string) =>
    asRole(role, async (c) => {
      try {
        await c.query(statement);
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    });

  it('migrates as the owner, then serves, seals and verifies as the application role', async () => {
    const clock = new FixedClock(new Date(SEED_TIME));
    const config = testConfig({ databaseUrl: urlAs(appRole), migrationDatabaseUrl: urlAs(ownerRole) });
    const booted = await boot(config, { clock });
    try {
      expect(booted.seeded?.countyCode).toBe('620602');
      const app = await buildApp(booted.deps, { logger: false });
      try {
        const login = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'admin', password: config.demoPassword },
        });
        expect(login.statusCode).toBe(200);
        const cookie = login.cookies.find((c) => c.name === config.session.cookieName)!;
        const town = (await booted.database.db.execute(
          sql`select id from orgs where division_code = '620602001'`,
        )) as unknown as { rows: { id: string }[] };
        const patched = await app.inject({
          method: 'PATCH',
          url: `/api/orgs/${town.rows[0]!.id}`,
          headers: {
            cookie: `${cookie.name}=${cookie.value}`,
            'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
          },
          payload: { centerName: '东大街街道综治中心（新址）' },
        });
        expect(patched.statusCode).toBe(200);
      } finally {
        await app.close();
      }
      // The sealer waits for every older transaction in the cluster (events.service.ts); on a
      // PostgreSQL shared with other test runs, theirs hold it back for a moment.
      const until = Date.now() + 30_000;
      for (;;) {
        await sealAll(booted.database, clock);
        if ((await verifyChain(booted.database)).unsealed === 0 || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const v = await verifyChain(booted.database);
      expect(v).toMatchObject({ ok: true, unsealed: 0 });
      expect(v.checked).toBeGreaterThan(0);
      const who = (await booted.database.db.execute(sql`select current_user as u`)) as unknown as {
        rows: { u: string }[];
      };
      expect(who.rows[0]?.u).toBe(appRole);
    } finally {
      await booted.close();
    }
  });

  it('refuses the application role ALTER TABLE, UPDATE, DELETE and TRUNCATE on the event log', async () => {
    for (const table of ['events', 'event_seals']) {
      expect(await refusal(appRole, `alter table ${table} disable trigger user`)).toMatch(/must be owner/);
      expect(await refusal(appRole, `alter table ${table} owner to ${appRole}`)).toMatch(/must be owner/);
      expect(await refusal(appRole, `update ${table} set county_code = county_code`)).toMatch(
        /permission denied/,
      );
      expect(await refusal(appRole, `delete from ${table}`)).toMatch(/permission denied/);
      expect(await refusal(appRole, `truncate ${table}`)).toMatch(/permission denied/);
    }
    // The same statements are the owner's to make: the refusals above come from the roles.
    expect(await refusal(ownerRole, 'alter table events disable trigger events_append_only')).toBe(
      'accepted',
    );
    expect(await refusal(ownerRole, 'alter table events enable trigger events_append_only')).toBe('accepted');
    // Nor may it replace the trigger function or drop a trigger: both would disarm the log as well.
    expect(
      await refusal(
        appRole,
        'create or replace function zz_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$',
      ),
    ).toMatch(/must be owner|permission denied for schema public/);
    expect(await refusal(appRole, 'drop trigger events_append_only on events')).toMatch(/must be owner/);
    expect(await refusal(appRole, 'alter table events disable trigger all')).toMatch(/must be owner/);
    expect(
      await refusal(
        appRole,
        'alter function zz_append_county_seals(text, jsonb, timestamptz) security invoker',
      ),
    ).toMatch(/must be owner/);
    const counts = await asRole(appRole, (c) => c.query('select count(*)::int as n from events'));
    expect(counts.rows[0].n).toBeGreaterThan(0);
  });

  it('refuses to start as the application role on a database the owner has not migrated', async () => {
    const empty = `${dbName}_empty`;
    await admin.query(`drop database if exists ${empty} with (force)`);
    await admin.query(`create database ${empty} owner ${ownerRole}`);
    try {
      const u = new URL(urlAs(appRole));
      u.pathname = `/${empty}`;
      await expect(
        boot(testConfig({ databaseUrl: u.toString() }), { clock: new FixedClock(new Date(SEED_TIME)) }),
      ).rejects.toThrow(/请先以所有者角色运行 `npm run db:migrate`/);
    } finally {
      await admin.query(`drop database if exists ${empty} with (force)`);
    }
  });

  it('takes in matters as the application role, also in a year whose numbering does not exist yet', async () => {
    const clock = new FixedClock(new Date(SEED_TIME));
    const config = testConfig({ databaseUrl: urlAs(appRole) });
    const booted = await boot(config, { clock });
    const app = await buildApp(booted.deps, { logger: false });
    try {
      const village = (await booted.database.db.execute(
        sql`select id from orgs where division_code = '620602001001'`,
      )) as unknown as { rows: { id: string }[] };
      const codes: string[] = [];
      for (const at of [SEED_TIME, '2031-03-02T02:00:00.000Z']) {
        clock.set(at);
        const login = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'village-clerk', password: config.demoPassword },
        });
        expect(login.statusCode, login.body).toBe(200);
        const cookie = login.cookies.find((c) => c.name === config.session.cookieName)!;
        const res = await app.inject({
          method: 'POST',
          url: '/api/matters',
          headers: {
            cookie: `${cookie.name}=${cookie.value}`,
            'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
          },
          payload: {
            kind: 'dispute',
            channel: 'walk_in',
            categoryCode: 'MED-02',
            title: '邻里排水沟堵塞纠纷',
            description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
            place: { villageId: village.rows[0]!.id },
            parties: [
              { role: 'applicant', name: '王甲乙', phone: '13912345678' },
              { role: 'respondent', name: '李丙丁' },
            ],
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        codes.push((res.json() as { matter: { code: string } }).matter.code);
      }
      expect(codes[1]).toBe('620602-2031-000001');
      // The application role still creates nothing in the schema itself.
      expect(await refusal(appRole, 'create table zz_intruder (x int)')).toMatch(/permission denied/);
    } finally {
      await app.close();
      await booted.close();
    }
  });

  it('starts as the application role alone once the owner has migrated', async () => {
    const booted = await boot(testConfig({ databaseUrl: urlAs(appRole) }), {
      clock: new FixedClock(new Date(SEED_TIME)),
    });
    try {
      expect(booted.seeded).toBeNull();
      expect((await verifyChain(booted.database)).ok).toBe(true);
    } finally {
      await booted.close();
    }
  });
  // Last in this file: it leaves a broken chain behind on purpose.
  it('lets the application role neither insert a seal nor get a forged one through the sealing function', async () => {
    const forged = await asRole(appRole, async (c) => {
      const { rows: ev } = await c.query(
        `insert into events (county_code, at, action, object_type, object_id)
         values ('620602', now(), 'user.role_granted', 'user', 'forged') returning id, tx_id`,
      );
      // A seal straight into the table: the role has no INSERT on it.
      const direct = await c
        .query(
          `insert into event_seals (county_code, chain_no, event_id, tx_id, prev_hash, row_hash, sealed_at)
           values ('620602', 1000000, $1, $2, $3, $3, now())`,
          [ev[0].id, ev[0].tx_id, GENESIS_HASH],
        )
        .then(
          () => 'accepted',
          (e: Error) => e.message,
        );
      expect(direct).toMatch(/permission denied/);
      // Wait until the insert's transaction is below every running one (other test runs share the cluster).
      const until = Date.now() + 30_000;
      let next: { county_code: string; id: string } | undefined;
      for (;;) {
        const { rows } = await c.query(
          `
          select e.county_code, e.id::text as id,
                 $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) as mine_ready
          from events e
          where e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
            and e.tx_id >= coalesce((select s.tx_id from event_seals s order by s.tx_id desc limit 1), '0'::xid8)
            and not exists (select 1 from event_seals s where s.county_code = e.county_code and s.event_id = e.id)
          order by e.tx_id, e.id limit 1`,
          [ev[0].tx_id],
        );
        if (rows[0]?.mine_ready || Date.now() > until) {
          next = rows[0];
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(next).toBeDefined();
      const { rows: head } = await c.query(
        `select chain_no::int as no, row_hash from event_seals where county_code = $1 order by chain_no desc limit 1`,
        [next!.county_code],
      );
      const seal = {
        countyCode: next!.county_code,
        chainNo: head[0].no + 1,
        eventId: Number(next!.id),
        prevHash: head[0].row_hash as string,
        rowHash: 'f'.repeat(64),
      };
      const call = (seals: object[]) =>
        c
          .query('select zz_append_county_seals($1, $2::jsonb, now()) as n', [
            seal.countyCode,
            JSON.stringify(seals),
          ])
          .then(
            (r) => `sealed ${r.rows[0].n}`,
            (e: Error) => e.message,
          );
      // Skipping the next event, sealing one that does not exist yet, forking or renumbering the chain:
      expect(await call([{ ...seal, eventId: seal.eventId + 1000 }])).toMatch(/not of the next event ready/);
      expect(await call([{ ...seal, chainNo: seal.chainNo + 1 }])).toMatch(/does not follow the head/);
      expect(await call([{ ...seal, prevHash: GENESIS_HASH }])).toMatch(/does not follow the head/);
      expect(await call([{ ...seal, rowHash: 'not a hash' }])).toMatch(/no SHA-256 row hash/);
      // In order and in place, but with a made-up hash: written, and caught by verify:chain.
      expect(await call([seal])).toBe('sealed 1');
      return seal;
    });
    const database = await openDatabase({ databaseUrl: urlAs(appRole), poolSize: 1 });
    try {
      const v = await verifyChain(database);
      expect(v.ok).toBe(false);
      expect(v.firstBroken).toMatchObject({ countyCode: forged.countyCode, chainNo: forged.chainNo });
      expect(v.firstBroken?.problem).toMatch(/内容与封存哈希不符/);
    } finally {
      await database.close();
    }
  });
});
