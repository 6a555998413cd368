/**
 * npm run restore (docs/DEPLOY.md, "Backups"): checks the backup against its manifest before
 * touching anything, puts the database and the attachments back, then proves the restore: every
 * table's row count and every county's chain head as recorded, the event chain intact, every
 * attachment's file present with its recorded hash.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cp, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { ChainVerify } from '../../../core/contracts/events';
import { openDatabase } from '../db/client';
import { grantAppRole } from '../db/roles';
import { verifyChain } from '../modules/events/events.service';
import { MANIFEST, type Manifest, ownerUrl } from './backup';
import { attachmentProblems, compareInventories, inventory, listFiles, sha256Of } from './inventory';
import { pgTool } from './pg-tools';

type Where = Parameters<typeof ownerUrl>[0];

export interface RestoreCheck {
  ok: boolean;
  problems: string[];
  chain: ChainVerify;
  tables: number;
  rows: number;
  files: number;
}

export async function readManifest(from: string): Promise<Manifest> {
  const file = path.join(from, MANIFEST);
  if (!existsSync(file)) throw new Error(`不是完整的备份（缺少 ${MANIFEST}）：${from}`);
  const m = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  if (m.format !== 'zongzhi-backup' || m.version !== 1) throw new Error(`无法识别的备份格式：${from}`);
  return m;
}

/** The backup's own files against its manifest: a damaged backup is refused before anything is replaced. */
export async function checkBackup(from: string, m: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const db = path.join(from, m.database.path);
  if (!existsSync(db) || (await sha256Of(db)) !== m.database.sha256)
    problems.push(`数据库备份文件损坏：${db}`);
  const present = new Map((await listFiles(path.join(from, 'files'))).map((f) => [f.path, f.sha256]));
  for (const f of m.files) {
    if (present.get(f.path) !== f.sha256) problems.push(`备份中的附件缺失或损坏：${f.path}`);
  }
  return problems;
}

const nonEmpty = (dir: string) => existsSync(dir) && readdirSync(dir).length > 0;

export async function restore(
  config: Where,
  from: string,
  opts: { now: Date; force?: boolean },
): Promise<RestoreCheck> {
  const m = await readManifest(from);
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  if (m.kind !== kind)
    throw new Error(`这是 ${m.kind} 的备份，而配置的数据库是 ${kind}：请在同类数据库上恢复。`);
  const damaged = await checkBackup(from, m);
  if (damaged.length) throw new Error(`备份不完整，未做任何恢复：\n  ${damaged.join('\n  ')}`);
  const aside = `before-restore-${opts.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
  const clear = async (dir: string, what: string) => {
    if (!nonEmpty(dir)) return;
    if (!opts.force)
      throw new Error(`${what}不是空的：${dir}。确认要覆盖时加 --force（原有内容移到旁边保留）。`);
    await rename(dir, `${dir}.${aside}`);
  };

  if (kind === 'pglite') {
    if (existsSync(path.join(config.pgliteDir, 'postmaster.pid')) && !opts.force)
      throw new Error('嵌入式数据库正被使用：请先停止服务器再恢复。');
    await clear(config.pgliteDir, '数据库目录');
    await clear(config.filesDir, '附件目录');
    const blob = new Blob([await readFile(path.join(from, m.database.path))], { type: 'application/x-gzip' });
    const client = new PGlite(config.pgliteDir, { loadDataDir: blob, relaxedDurability: false });
    await client.waitReady;
    await client.query('checkpoint');
    await client.close();
  } else {
    const url = ownerUrl(config)!;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const taken = await c.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`,
    );
    await c.end();
    if (taken.rows[0]!.n > 0 && !opts.force)
      throw new Error('目标数据库不是空的：请恢复到新建的空数据库；确认要覆盖时加 --force。');
    await clear(config.filesDir, '附件目录');
    const clean = taken.rows[0]!.n > 0 ? ['--clean', '--if-exists'] : [];
    // Objects belong to whoever restores (the owner); the server's role is granted again below.
    await pgTool('pg_restore', url, [
      ...clean,
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      path.join(from, m.database.path),
    ]);
    if (config.migrationDatabaseUrl && config.databaseUrl) {
      const owner = await openDatabase({ databaseUrl: config.migrationDatabaseUrl, poolSize: 1 });
      const app = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
      try {
        const who = (await app.db.execute(sql`select current_user as u`)) as unknown as {
          rows: { u: string }[];
        };
        await grantAppRole(owner.db, who.rows[0]!.u);
      } finally {
        await app.close();
        await owner.close();
      }
    }
  }
  if (existsSync(path.join(from, 'files')))
    await cp(path.join(from, 'files'), config.filesDir, { recursive: true });
  return verifyRestore(config, m);
}

/** Holds the configured database and attachments to a backup's manifest. */
export async function verifyRestore(config: Where, m: Manifest): Promise<RestoreCheck> {
  const database = await openDatabase({
    databaseUrl: ownerUrl(config),
    pgliteDir: config.pgliteDir,
    poolSize: 2,
  });
  try {
    const query = async (text: string) =>
      ((await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
    const problems = compareInventories(m, await inventory(query));
    const chain = await verifyChain(database);
    if (!chain.ok) {
      const b = chain.firstBroken!;
      problems.push(`事件链断裂：县 ${b.countyCode} 链序号 ${b.chainNo}：${b.problem}`);
    }
    problems.push(...(await attachmentProblems(query, config.filesDir)));
    return {
      ok: problems.length === 0,
      problems,
      chain,
      tables: Object.keys(m.counts).length,
      rows: Object.values(m.counts).reduce((a, b) => a + b, 0),
      files: m.files.length,
    };
  } finally {
    await database.close();
  }
}
