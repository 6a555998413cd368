/**
 * `npm run verify:chain` as an operator runs it, on a database on disk (PGlite, or a PostgreSQL
 * database when TEST_DATABASE_URL is set): intact, it exits 0; with the chain's tail cut after a
 * checkpoint was published, it exits 2 and says the tail was cut.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { testConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/client';
import { publishCheckpoints } from '../server/src/modules/events/checkpoints';
import { copyDatabase, dropDatabase, withDatabase } from '../server/test/citus-cluster';
import { FixedClock, SEED_TIME } from '../server/test/clock';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zz-verify-'));
const pgName = `zz_verify_${process.pid}`;
const _admin = async (statement: string) => {
  const c = new pg.Client({ connectionString: inject('pgBaseUrl') });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
};
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (inject('pgTemplate')) await dropDatabase(nodes(), pgName);
});
/** The database's nodes: the server alone, or on a Citus run every node of the cluster. */
const nodes = () => (inject('citusNodes') ? inject('citusNodes').split(',') : [inject('pgBaseUrl')]);

it('exits 2 naming a cut tail that the checkpoints counted', async () => {
  const settings = {
    ...testConfig().checkpoints,
    key: 'verify-test-key-0123456789',
    dir: path.join(dataDir, 'cp'),
  };
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    CHECKPOINT_DIR: settings.dir,
    CHECKPOINT_KEY: settings.key,
    LOG_LEVEL: 'silent',
  };
  if (inject('pgTemplate')) {
    await copyDatabase(nodes(), inject('pgTemplate'), pgName);
    env.DATABASE_URL = withDatabase(inject('pgBaseUrl'), pgName);
  } else {
    const seeded = new PGlite(path.join(dataDir, 'pglite'), {
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    });
    await seeded.waitReady;
    await seeded.close();
  }
  const run = () => {
    const { DATABASE_URL: _omit, ...rest } = process.env;
    return spawnSync('npx', ['tsx', 'scripts/verify-chain.ts'], {
      env: { ...rest, ...env },
      encoding: 'utf8',
      timeout: 100_000,
    });
  };

  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    pgliteDir: path.join(dataDir, 'pglite'),
  });
  const published = await publishCheckpoints(database, new FixedClock(new Date(SEED_TIME)), settings);
  expect(published).toHaveLength(1);
  await database.close();

  const intact = run();
  expect(intact.stdout).toMatch(/哈希链完好.*与 1 个签名检查点相符/);
  expect(intact.status).toBe(0);

  // A superuser cuts the newest event and its seal.
  const cut = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: path.join(dataDir, 'pglite') });
  const last = sql`(select max(chain_no) from event_seals where county_code = '620602')`;
  // In one transaction: on Citus a distributed table's triggers are switched only with unsafe
  // triggers allowed, for this transaction (elsewhere an inert setting).
  await cut.transaction(async (tx) => {
    await tx.execute(sql`select set_config('citus.enable_unsafe_triggers', 'on', true)`);
    await tx.execute(sql`alter table events disable trigger user`);
    await tx.execute(sql`alter table event_seals disable trigger user`);
    await tx.execute(
      sql`delete from events where county_code = '620602' and id = (select event_id from event_seals where county_code = '620602' and chain_no = ${last})`,
    );
    await tx.execute(sql`delete from event_seals where county_code = '620602' and chain_no = ${last}`);
    await tx.execute(sql`alter table events enable trigger user`);
    await tx.execute(sql`alter table event_seals enable trigger user`);
  });
  await cut.close();

  const broken = run();
  expect(broken.stderr).toMatch(
    new RegExp(`链尾被截断：.*已有 ${published[0]!.chainNo} 条，现在只有 ${published[0]!.chainNo - 1} 条`),
  );
  expect(broken.status).toBe(2);
}, 240_000); // two runs of the command, each starting tsx: slow on a loaded machine
