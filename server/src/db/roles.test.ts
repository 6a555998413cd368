/**
 * The application's database role cannot disarm the event log (docs/SECURITY.md G12): on PostgreSQL,
 * migrations run as an owner role and the server as an application role, which works normally but
 * is refused ALTER TABLE, UPDATE, DELETE and TRUNCATE on `events` and `event_seals`.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock, SEED_TIME } from '../../test/clock';
import { buildApp } from '../app';
import { boot } from '../bootstrap';
import { testConfig } from '../config';
import { sealAll, verifyChain } from '../modules/events/events.service';

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
});
