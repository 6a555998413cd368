import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { rootDir } from '../paths';
import type { Database, Schema } from './client';
import { seedReferenceData } from './reference-data';

export const migrationsFolder = path.join(rootDir, 'server/migrations');

/** Applies the committed migrations (server/migrations) and the reference data; run on every start. */
export async function migrate(database: Database): Promise<void> {
  // A server running as the application role (docs/DEPLOY.md, "two database roles") may not create
  // anything: when the owner has already applied every migration, the migrator is not called at all.
  if (!(await migrationsPending(database))) {
    await seedReferenceData(database);
    return;
  }
  try {
    if (database.kind === 'pglite') {
      await migratePglite(database.db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    } else {
      await migratePg(database.db as unknown as NodePgDatabase<Schema>, { migrationsFolder });
    }
  } catch (e) {
    const code =
      (e as { code?: string; cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code;
    if (code !== '42501') throw e;
    throw new Error(
      '数据库结构需要升级，而服务器的数据库角色无权修改它：请先以所有者角色运行 `npm run db:migrate`，或设置 MIGRATION_DATABASE_URL（docs/DEPLOY.md）。',
      { cause: e },
    );
  }
  await seedReferenceData(database);
}

/** True when the database lacks a committed migration (the same test as Drizzle's migrator). */
export async function migrationsPending(database: Database): Promise<boolean> {
  const newest = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  const res = (await database.db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  )) as unknown as { rows: { present: boolean }[] };
  if (!res.rows[0]?.present) return true;
  const last = (await database.db.execute(
    sql`select max(created_at) as at from drizzle.__drizzle_migrations`,
  )) as unknown as { rows: { at: string | number | null }[] };
  const at = last.rows[0]?.at;
  return at === null || at === undefined || Number(at) < newest;
}
