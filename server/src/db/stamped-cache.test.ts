/**
 * The intake caches (issue 20): a cached org row or configuration document is used only while no
 * write has touched its table since it was read, and a change made anywhere (another instance, plain
 * SQL) is seen on the next request. On PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import * as configRepo from '../modules/config/config.repo';
import { getOrgRow, orgByDivisionCode } from '../modules/orgs/orgs.service';
import { withStampedCaches } from './stamped-cache';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const exec = (q: ReturnType<typeof sql>) => t.database.db.execute(q);

describe('stamped caches', () => {
  it('see an org renamed in plain SQL on the next request, and keep one request consistent', async () => {
    const town = (await orgByDivisionCode(t.deps, '620602001'))!;
    const first = await withStampedCaches(() => getOrgRow(t.deps, town.id));
    expect(first?.name).toBe(town.name);
    await withStampedCaches(async () => {
      expect((await getOrgRow(t.deps, town.id))?.name).toBe(town.name);
      // Written by someone else mid-request: this request keeps what it read under its stamps.
      await exec(sql`update orgs set name = ${`${town.name}（改）`} where id = ${town.id}`);
      expect((await getOrgRow(t.deps, town.id))?.name).toBe(town.name);
    });
    // The next request reads the new stamp, so the new name.
    const next = await withStampedCaches(() => getOrgRow(t.deps, town.id));
    expect(next?.name).toBe(`${town.name}（改）`);
    await exec(sql`update orgs set name = ${town.name} where id = ${town.id}`);
    expect((await withStampedCaches(() => getOrgRow(t.deps, town.id)))?.name).toBe(town.name);
  });

  it('serve a cached value without reading the table again while nothing changed', async () => {
    const town = (await orgByDivisionCode(t.deps, '620602001'))!;
    await withStampedCaches(() => getOrgRow(t.deps, town.id));
    // Renamed and the stamp put back in the same transaction, as if it had not moved: the cache must
    // still answer. (Not by switching the trigger off: Citus refuses that on a reference table.)
    await t.database.transaction(async (tx) => {
      await tx.execute(sql`update orgs set name = '不应看到' where id = ${town.id}`);
      await tx.execute(sql`update cache_stamps set stamp = stamp - 1 where name = 'orgs'`);
    });
    try {
      expect((await withStampedCaches(() => getOrgRow(t.deps, town.id)))?.name).toBe(town.name);
      // Outside a scope nothing is cached.
      expect((await getOrgRow(t.deps, town.id))?.name).toBe('不应看到');
    } finally {
      await exec(sql`update orgs set name = ${town.name} where id = ${town.id}`);
    }
  });

  it('see a new configuration version on the next request', async () => {
    const read = () => withStampedCaches(() => configRepo.latest(t.database.db, '620602', 'zz_test_doc'));
    expect(await read()).toBeUndefined();
    await exec(
      sql`insert into config_documents (county_code, name, version, body, created_at) values ('620602', 'zz_test_doc', 1, '{"a":1}', now())`,
    );
    expect((await read())?.body).toEqual({ a: 1 });
    await exec(
      sql`insert into config_documents (county_code, name, version, body, created_at) values ('620602', 'zz_test_doc', 2, '{"a":2}', now())`,
    );
    expect((await read())?.version).toBe(2);
    const many = await withStampedCaches(() => configRepo.latestOf(t.database.db, '620602', ['zz_test_doc']));
    expect(many.get('zz_test_doc')?.body).toEqual({ a: 2 });
  });
});
