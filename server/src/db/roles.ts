/**
 * Two database roles on PostgreSQL (docs/SECURITY.md G12, docs/DEPLOY.md): the owner applies the
 * migrations and owns every table; the server runs as an application role that may read and write the
 * business tables but only INSERT and SELECT on `events` and SELECT on `event_seals` (seals go through
 * the owner's checking function zz_append_county_seals, migrations 0027 and 0043). Not owning the log, the application
 * cannot `ALTER TABLE … DISABLE TRIGGER`, and without UPDATE, DELETE or TRUNCATE it cannot rewrite it.
 */
import { sql } from 'drizzle-orm';
import { type Database, type Executor, openDatabase } from './client';
import { migrate } from './migrate';

/** The tables whose rows no application may change once written. */
export const APPEND_ONLY_TABLES = ['events', 'event_seals'] as const;

/**
 * Migrates as the owner (ownerUrl) and grants the application role (the user the server's own
 * connection logs in as) what it needs; safe to run on every start and after every migration.
 */
export async function migrateAsOwner(ownerUrl: string, app: Database): Promise<{ appRole: string }> {
  const owner = await openDatabase({ databaseUrl: ownerUrl, poolSize: 2 });
  try {
    await migrate(owner);
    const appRole = await currentUser(app.db);
    if (appRole !== (await currentUser(owner.db))) await grantAppRole(owner.db, appRole);
    return { appRole };
  } finally {
    await owner.close();
  }
}

export async function grantAppRole(owner: Executor, role: string): Promise<void> {
  const r = sql.identifier(role);
  const appendOnly = sql.join(
    APPEND_ONLY_TABLES.map((t) => sql.identifier(t)),
    sql`, `,
  );
  await owner.execute(sql`grant usage on schema public, drizzle to ${r}`);
  // The server checks at start that the owner has applied every migration.
  await owner.execute(sql`grant select on drizzle.__drizzle_migrations to ${r}`);
  await owner.execute(sql`revoke truncate on all tables in schema public from ${r}`);
  await owner.execute(sql`grant select, insert, update, delete on all tables in schema public to ${r}`);
  await owner.execute(sql`revoke update, delete, truncate on ${appendOnly} from ${r}`);
  // Seals are written only by the owner's function, which checks each one (migration 0027): a restore
  // without privileges would leave the function open to PUBLIC, so that grant is taken back here too.
  await owner.execute(sql`revoke insert on event_seals from ${r}`);
  await owner.execute(
    sql`revoke all on function zz_append_county_seals(text, jsonb, timestamptz) from public`,
  );
  await owner.execute(
    sql`grant execute on function zz_append_county_seals(text, jsonb, timestamptz) to ${r}`,
  );
  await owner.execute(sql`grant usage, select on all sequences in schema public to ${r}`);
}

async function currentUser(ex: Executor): Promise<string> {
  const res = (await ex.execute(sql`select current_user as u`)) as unknown as { rows: { u: string }[] };
  return res.rows[0]!.u;
}
