/**
 * Seeds the demo county once per test run and hands every test file a copy:
 * - PGlite (default): a dump of a migrated, seeded data directory that each file loads (0.5 s
 *   instead of migrating and seeding again).
 * - PostgreSQL (TEST_DATABASE_URL set): a seeded template database; each file gets its own
 *   CREATE DATABASE … TEMPLATE copy, dropped at the end of the run.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { distribute } from '../src/db/distribute';
import { migrate } from '../src/db/migrate';
import { loadDemoInput } from '../src/modules/demo/demo-data';
import { seedDemo } from '../src/modules/demo/demo-seed.service';
import { sealAll } from '../src/modules/events/events.service';
import {
  createClusterDatabase,
  dropDatabase,
  freezeTemplate,
  withDatabase,
  workerUrls,
} from './citus-cluster';
import { FixedClock, SEED_TIME } from './clock';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    pgBaseUrl: string;
    /** On a Citus run: every node's URL (workers first, the coordinator last), comma-separated. */
    citusNodes: string;
  }
}

export { withDatabase };

export default async function setup(project: TestProject) {
  const clock = new FixedClock(new Date(SEED_TIME));
  const config = testConfig();
  const citusUrl = process.env.TEST_CITUS_URL;
  if (citusUrl) {
    // The template is distributed before the demo is seeded, so the seed's writes go through Citus
    // as a province's would (docs/DEPLOY.md: migrate, distribute, then load).
    const tpl = `zz_ctpl_${process.pid}`;
    const nodes = [...(await workerUrls(citusUrl)), citusUrl];
    await createClusterDatabase(citusUrl, nodes.slice(0, -1), tpl);
    const database = await openDatabase({ databaseUrl: withDatabase(citusUrl, tpl), poolSize: 2 });
    await migrate(database);
    await distribute(database, { shardCount: 4 });
    await seedDemo({ database, clock, config, kickSealer: () => {} }, loadDemoInput());
    await sealAll(database, clock);
    await database.close();
    await freezeTemplate(nodes, tpl);
    project.provide('pgTemplate', tpl);
    project.provide('pgBaseUrl', citusUrl);
    project.provide('citusNodes', nodes.join(','));
    project.provide('pgliteTemplate', '');
    return async () => {
      const admin = new pg.Client({ connectionString: citusUrl });
      await admin.connect();
      const left = await admin.query(`select datname from pg_database where datname like $1`, [
        `zz_t_${process.pid}_%`,
      ]);
      await admin.end();
      for (const r of left.rows) await dropDatabase(nodes, r.datname);
      await dropDatabase(nodes, tpl);
    };
  }
  project.provide('citusNodes', '');
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const tpl = `zz_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${tpl}`);
    const database = await openDatabase({ databaseUrl: withDatabase(pgUrl, tpl), poolSize: 2 });
    await migrate(database);
    await seedDemo({ database, clock, config, kickSealer: () => {} }, loadDemoInput());
    await sealAll(database, clock);
    await database.close();
    project.provide('pgTemplate', tpl);
    project.provide('pgBaseUrl', pgUrl);
    project.provide('pgliteTemplate', '');
    return async () => {
      // Copies made by test files are dropped by the files themselves; the template goes last.
      const left = await admin.query(`select datname from pg_database where datname like $1`, [
        `zz_t_${process.pid}_%`,
      ]);
      for (const r of left.rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.query(`drop database if exists ${tpl} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({});
  await migrate(database);
  await seedDemo({ database, clock, config, kickSealer: () => {} }, loadDemoInput());
  await sealAll(database, clock);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `zongzhi-test-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  project.provide('pgBaseUrl', '');
}
