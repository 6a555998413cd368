/**
 * The restore drill (docs/SECURITY.md G29, docs/DEPLOY.md "Backups"): back up the database and the
 * attachments, wipe both, restore, and verify row counts, chain heads, the event chain and every
 * attachment's hash — on PGlite always, and on PostgreSQL (pg_dump -Fc) when TEST_DATABASE_URL is set.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/global-setup';
import { testConfig } from '../config';
import { openDatabase } from '../db/client';
import { backup } from './backup';
import { readManifest, restore, verifyRestore } from './restore';

const now = new Date('2026-12-06T20:00:00Z');
const temps: string[] = [];
const temp = (p: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), p));
  temps.push(d);
  return d;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A file under filesDir and its attachments row, as the upload path writes them. */
async function addAttachment(where: { databaseUrl?: string; pgliteDir: string; filesDir: string }) {
  const database = await openDatabase({ databaseUrl: where.databaseUrl, pgliteDir: where.pgliteDir });
  try {
    const bytes = Buffer.from(`%PDF-1.4 restore drill ${randomUUID()}`);
    const matterId = randomUUID();
    const id = randomUUID();
    const key = path.join('620602', matterId, id);
    mkdirSync(path.dirname(path.join(where.filesDir, key)), { recursive: true });
    writeFileSync(path.join(where.filesDir, key), bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    await database.db.execute(sql`
      insert into attachments (county_code, id, matter_id, file_name, mime, size, sha256, storage_key, created_at)
      values ('620602', ${id}, ${matterId}, '调解协议.pdf', 'application/pdf', ${bytes.length}, ${sha}, ${key}, now())`);
    return { key, bytes };
  } finally {
    await database.close();
  }
}

const pgBase = process.env.TEST_DATABASE_URL;

// The seeded PGlite template exists in the PGlite run (`npm test`); the PostgreSQL run covers pg_dump.
// Not on a Citus run either (no PGlite template there; a cluster is backed up node by node, docs/DEPLOY.md).
describe.skipIf(!!pgBase || !inject('pgliteTemplate'))('backup and restore on PGlite', () => {
  it('backs up, wipes, restores and verifies; a damaged backup is refused', async () => {
    const dataDir = temp('zz-bk-data-');
    const config = testConfig({
      pgliteDir: path.join(dataDir, 'pglite'),
      filesDir: path.join(dataDir, 'files'),
    });
    // The seeded demo county, as a data directory on disk.
    const seeded = new PGlite(config.pgliteDir, {
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    });
    await seeded.waitReady;
    await seeded.close();
    const file = await addAttachment(config);

    const out = temp('zz-bk-out-');
    // A data directory a server has open is not copied, and the attempt leaves nothing behind.
    const running = new PGlite(config.pgliteDir);
    await running.waitReady;
    try {
      await expect(backup(config, out, { now })).rejects.toThrow(/正被使用/);
    } finally {
      await running.close();
    }
    expect(readdirSync(out)).toEqual([]);

    const { dir, manifest } = await backup(config, out, { now });
    expect(manifest.kind).toBe('pglite');
    expect(manifest.counts['public.events']).toBeGreaterThan(0);
    expect(manifest.counts['public.attachments']).toBe(1);
    expect(manifest.chains.map((c) => c.countyCode)).toEqual(['620602']);
    expect(manifest.files).toHaveLength(1);

    rmSync(config.pgliteDir, { recursive: true });
    rmSync(config.filesDir, { recursive: true });
    const r = await restore(config, dir, { now });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, chain: { ok: true } });
    expect(r.chain.checked).toBe(manifest.chains[0]!.chainNo);
    expect(readFileSync(path.join(config.filesDir, file.key))).toEqual(file.bytes);

    // Restoring over a database that is there is refused without --force.
    await expect(restore(config, dir, { now })).rejects.toThrow(/不是空的/);

    // A restored database that lost rows or a file is not verified.
    rmSync(path.join(config.filesDir, file.key));
    const check = await verifyRestore(config, await readManifest(dir));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([`附件文件缺失：${file.key}`]);

    // A backup whose attachment was damaged is refused before anything is replaced.
    writeFileSync(path.join(dir, 'files', file.key), 'damaged');
    await expect(restore(config, dir, { now, force: true })).rejects.toThrow(/备份中的附件缺失或损坏/);
  });
});

describe.runIf(!!pgBase)('backup and restore on PostgreSQL (pg_dump -Fc)', () => {
  const name = `zz_bk_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: inject('pgBaseUrl') });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  afterAll(() => admin(`drop database if exists ${name} with (force)`));

  it('backs up, drops, restores into an empty database and verifies', async () => {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name} template ${inject('pgTemplate')}`);
    const config = testConfig({
      databaseUrl: withDatabase(inject('pgBaseUrl'), name),
      filesDir: path.join(temp('zz-bk-pgfiles-'), 'files'),
    });
    const file = await addAttachment({ ...config, databaseUrl: config.databaseUrl! });
    const { dir, manifest } = await backup(config, temp('zz-bk-pgout-'), { now });
    expect(manifest.kind).toBe('postgres');
    expect(manifest.counts['public.attachments']).toBe(1);

    await admin(`drop database ${name} with (force)`);
    await admin(`create database ${name}`);
    rmSync(config.filesDir, { recursive: true });
    const r = await restore(config, dir, { now });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.chain.checked).toBe(manifest.chains[0]!.chainNo);
    expect(readFileSync(path.join(config.filesDir, file.key))).toEqual(file.bytes);

    // Rows lost after the restore are named.
    const database = await openDatabase({ databaseUrl: config.databaseUrl });
    await database.db.execute(sql`delete from attachments`);
    await database.close();
    const check = await verifyRestore(config, manifest);
    expect(check.problems).toContain('表 public.attachments 应有 1 行，实有 0 行');
  });
});
