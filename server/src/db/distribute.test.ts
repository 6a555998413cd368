/**
 * The placement lists of db:distribute against the migrated schema (PGlite, or PostgreSQL): every
 * table is named exactly once, and every distributed table's primary key and unique keys start with
 * or contain county_code, as Citus asks of a table distributed by it. A new table fails here until it
 * is classified. (That the lists really distribute is `npm run test:citus`'s work.)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { distributedTables, referenceTables } from './distribute';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

it('names every table of the schema once, as reference or distributed', async () => {
  const tables = (
    await rows<{ t: string }>(
      sql`select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like 'zz_%'`,
    )
  )
    .map((r) => r.t)
    .sort();
  const named = [...referenceTables, ...distributedTables];
  expect(new Set(named).size).toBe(named.length);
  expect([...named].sort()).toEqual(tables);
});

it('keys every distributed table by county first, and every unique index includes county_code', async () => {
  const keys = await rows<{ t: string; def: string; pk: boolean }>(
    sql`select i.indrelid::regclass::text as t, pg_get_indexdef(i.indexrelid) as def, i.indisprimary as pk
        from pg_index i where i.indisunique and i.indrelid::regclass::text = any(${sql.raw(
          `array[${distributedTables.map((n) => `'${n}'`).join(',')}]`,
        )})`,
  );
  expect(keys.length).toBeGreaterThan(distributedTables.length);
  const bad = keys.filter((k) => (k.pk ? !/\(county_code[,)]/.test(k.def) : !/\bcounty_code\b/.test(k.def)));
  expect(bad).toEqual([]);
  const withPk = new Set(keys.filter((k) => k.pk).map((k) => k.t));
  expect(distributedTables.filter((n) => !withPk.has(n))).toEqual([]);
});
