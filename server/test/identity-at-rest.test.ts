/**
 * docs/SECURITY.md G31, the done test: after a matter is registered with a canary name, address, ID
 * and phone number (and accepted, so an SMS to that phone waits in the outbox), PGlite's data
 * directory (base/ and pg_wal) and, on PostgreSQL, a raw pg_dump hold none of them, while a search by
 * either number still finds the matter (through the keyed hash) and the unmasked read shows them. The PGlite half runs on PGlite runs, the pg_dump half
 * when the run was started with TEST_DATABASE_URL.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app';
import { testConfig } from '../src/config';
import type { Deps } from '../src/context';
import type { Database, Db } from '../src/db/client';
import * as schema from '../src/db/schema';
import { FixedClock, SEED_TIME } from './clock';
import { withDatabase } from './global-setup';
import { createTestApp } from './test-app';

const PHONE = '13698760453';
const ID = '620602198811230318';
const NAME = '戚苒芃';
const ADDRESS = '杏花村七组九十九号后院';
/** Stored as typed (not identity): shows that the scan sees text that is written. */
const TITLE = '院墙渗漏纠纷';
const CANARIES = [PHONE, ID, NAME, ADDRESS];

/** Registers and accepts a matter with the canaries, then finds it by each number. */
async function registerAndSearch(app: Awaited<ReturnType<typeof buildApp>>): Promise<void> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'village-clerk', password: 'zongzhi-demo' },
  });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const headers = { cookie, 'x-csrf-token': login.json().csrfToken };
  const orgs = await app.inject({ method: 'GET', url: '/api/orgs/tree', headers });
  const villageId = (orgs.json() as { id: string }).id;
  const res = await app.inject({
    method: 'POST',
    url: '/api/matters',
    headers,
    payload: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: TITLE,
      description: '邻居家院墙漏水，多次协商未果。',
      place: { villageId },
      parties: [{ role: 'applicant', name: NAME, phone: PHONE, idNumber: ID, address: ADDRESS }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().matter.id;
  const accepted = await app.inject({
    method: 'POST',
    url: `/api/matters/${id}/actions`,
    headers,
    payload: { action: 'accept' },
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  for (const term of [PHONE, ID]) {
    const found = await app.inject({
      method: 'POST',
      url: '/api/matters/identity-search',
      headers,
      payload: { term },
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items.map((m: { id: string }) => m.id)).toEqual([id]);
  }
  // Sealed, not lost: the registering clerk's unmasked read shows the name and address as given.
  const full = await app.inject({ method: 'GET', url: `/api/matters/${id}?unmask=true`, headers });
  expect(full.statusCode, full.body).toBe(200);
  expect(full.json().parties[0]).toMatchObject({ name: NAME, address: ADDRESS });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('identity at rest: the data files and a dump (G31)', () => {
  it.runIf(!!inject('pgliteTemplate'))(
    'PGlite’s data directory holds no canary name, address, ID or phone number; search still finds the matter',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'zz-atrest-'));
      try {
        const client = new PGlite(dir, {
          loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
        });
        await client.waitReady;
        const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
        const database: Database = {
          db,
          kind: 'pglite',
          pglite: client,
          transaction: (fn) => db.transaction(fn),
          close: () => client.close(),
        };
        const config = testConfig({ filesDir: mkdtempSync(path.join(os.tmpdir(), 'zz-files-')) });
        const clock = new FixedClock(new Date(SEED_TIME));
        clock.advanceMinutes(5);
        const deps: Deps = { database, clock, config, kickSealer: () => {} };
        const app = await buildApp(deps, { logger: false });
        await registerAndSearch(app);
        // Not vacuous: the data is there, sealed.
        const [row] = (
          (await db.execute(sql`select phone from matter_parties where phone_hash is not null
            order by created_at desc limit 1`)) as unknown as { rows: { phone: string }[] }
        ).rows;
        expect(row!.phone).toMatch(/^enc1:/);
        const [party] = (
          (await db.execute(sql`select name, address from matter_parties where phone_hash is not null
            order by created_at desc limit 1`)) as unknown as { rows: { name: string; address: string }[] }
        ).rows;
        expect(party!.name).toMatch(/^enc1:/);
        expect(party!.address).toMatch(/^enc1:/);
        await client.query('checkpoint');
        await app.close();
        await client.close();
        const files = filesUnder(dir);
        expect(files.some((f) => f.includes(`${path.sep}pg_wal${path.sep}`))).toBe(true);
        expect(files.some((f) => f.includes(`${path.sep}base${path.sep}`))).toBe(true);
        const hits = files.filter((f) => {
          const data = readFileSync(f);
          return CANARIES.some((c) => data.includes(c));
        });
        expect(hits).toEqual([]);
        // The scan can see what is written: the matter's title (not identity) is there as text.
        expect(files.some((f) => readFileSync(f).includes(TITLE))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it.runIf(!!inject('pgTemplate'))(
    'a raw pg_dump of PostgreSQL holds no canary name, address, ID or phone number; search still finds the matter',
    async () => {
      const t = await createTestApp();
      try {
        await registerAndSearch(t.app);
        const [db] = (
          (await t.database.db.execute(sql`select current_database() as name`)) as unknown as {
            rows: { name: string }[];
          }
        ).rows;
        const dump = execFileSync('pg_dump', [withDatabase(inject('pgBaseUrl'), db!.name)], {
          maxBuffer: 1 << 30,
        }).toString('utf8');
        // Not vacuous: the dump has the parties, sealed.
        expect(dump).toContain('enc1:');
        for (const canary of CANARIES) expect(dump.includes(canary), canary).toBe(false);
        expect(dump).toContain(TITLE);
      } finally {
        await t.close();
      }
    },
    120_000,
  );
});
