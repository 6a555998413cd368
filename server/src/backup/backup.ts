/**
 * npm run backup (docs/DEPLOY.md, "Backups"): the database and the attachments, with a manifest of
 * what they hold so a restore can prove it got everything back.
 * - PGlite: the data directory as PGlite dumps it (gzip tar). PGlite runs inside the server's
 *   process, so the server must be stopped (its postmaster.pid says it is not).
 * - PostgreSQL: `pg_dump -Fc` in a snapshot exported from the transaction that counted the rows, so
 *   the manifest and the dump describe the same instant while the server keeps running.
 * The database is dumped before the files are copied: a file is written before its row commits, so
 * every row in the dump finds its file.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Config } from '../config';
import { type FileEntry, type Inventory, inventory, listFiles, sha256Of } from './inventory';
import { pgTool } from './pg-tools';

export const MANIFEST = 'manifest.json';

export interface Manifest extends Inventory {
  format: 'zongzhi-backup';
  version: 1;
  createdAt: string;
  kind: 'pglite' | 'postgres';
  database: FileEntry;
  files: FileEntry[];
}

type Where = Pick<Config, 'databaseUrl' | 'migrationDatabaseUrl' | 'pgliteDir' | 'filesDir'>;

/** The owner's address when there is one: it can read (and restore) every table. */
export function ownerUrl(config: Where): string | undefined {
  return config.migrationDatabaseUrl ?? config.databaseUrl;
}

export async function backup(
  config: Where,
  outRoot: string,
  opts: { now: Date; force?: boolean },
): Promise<{ dir: string; manifest: Manifest }> {
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  const name = `zongzhi-${kind}-${opts.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
  const dir = path.join(path.resolve(outRoot), name);
  if (existsSync(dir)) throw new Error(`备份目录已存在：${dir}`);
  // Written under a temporary name and renamed when complete: a directory with a manifest is whole.
  const partial = `${dir}.partial`;
  await mkdir(partial, { recursive: true });
  try {
    const manifest = await write(config, kind, partial, opts);
    await rename(partial, dir);
    return { dir, manifest };
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}

async function write(
  config: Where,
  kind: Manifest['kind'],
  partial: string,
  opts: { now: Date; force?: boolean },
): Promise<Manifest> {
  let inv: Inventory;
  let dbFile: string;
  if (kind === 'pglite') {
    if (!existsSync(path.join(config.pgliteDir, 'PG_VERSION')))
      throw new Error(`没有找到嵌入式数据库：${config.pgliteDir}`);
    if (existsSync(path.join(config.pgliteDir, 'postmaster.pid')) && !opts.force)
      throw new Error(
        '嵌入式数据库正被使用（或上次没有正常关闭）：请先停止服务器再备份；确认没有进程在用它时可加 --force。',
      );
    dbFile = path.join(partial, 'database.tar.gz');
    const client = new PGlite(config.pgliteDir);
    try {
      await client.waitReady;
      inv = await inventory(async (text) => (await client.query<Record<string, unknown>>(text)).rows);
      const dump = await client.dumpDataDir('gzip');
      await writeFile(dbFile, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  } else {
    const url = ownerUrl(config)!;
    dbFile = path.join(partial, 'database.dump');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const snap = await client.query<{ id: string }>('select pg_export_snapshot() as id');
      inv = await inventory(async (text) => (await client.query(text)).rows);
      await pgTool('pg_dump', url, ['--format=custom', `--snapshot=${snap.rows[0]!.id}`, '--file', dbFile]);
      await client.query('commit');
    } finally {
      await client.end();
    }
  }

  if (existsSync(config.filesDir))
    await cp(config.filesDir, path.join(partial, 'files'), { recursive: true });
  const manifest: Manifest = {
    format: 'zongzhi-backup',
    version: 1,
    createdAt: opts.now.toISOString(),
    kind,
    ...inv,
    database: {
      path: path.basename(dbFile),
      size: (await stat(dbFile)).size,
      sha256: await sha256Of(dbFile),
    },
    files: await listFiles(path.join(partial, 'files')),
  };
  await writeFile(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
