/**
 * What a backup promises and a restore must give back (docs/DEPLOY.md, "Backups"): the row count of
 * every table, each county's event chain head, and every attachment file with its SHA-256.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** One SQL text in, its rows out: a pg client, a PGlite instance or a Drizzle database alike. */
export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export interface Inventory {
  /** `schema.table` → rows. */
  counts: Record<string, number>;
  chains: { countyCode: string; chainNo: number; rowHash: string }[];
}

export interface FileEntry {
  path: string;
  size: number;
  sha256: string;
}

export async function inventory(query: Query): Promise<Inventory> {
  const tables = await query(`
    select table_schema as s, table_name as t from information_schema.tables
    where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'
    order by 1, 2`);
  const counts: Record<string, number> = {};
  for (const { s, t } of tables as { s: string; t: string }[]) {
    const [r] = await query(`select count(*)::bigint as n from "${s}"."${t}"`);
    counts[`${s}.${t}`] = Number(r?.n);
  }
  const heads = await query(`
    select distinct on (county_code) county_code, chain_no, row_hash from event_seals
    order by county_code, chain_no desc`);
  const chains = heads.map((h) => ({
    countyCode: String(h.county_code),
    chainNo: Number(h.chain_no),
    rowHash: String(h.row_hash),
  }));
  return { counts, chains };
}

export async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Every file under dir, with paths relative to it ('/'-separated), sizes and hashes. */
export async function listFiles(dir: string): Promise<FileEntry[]> {
  if (!existsSync(dir)) return [];
  const out: FileEntry[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const full = path.join(dir, name);
    const s = await stat(full);
    if (!s.isFile()) continue;
    out.push({ path: name.split(path.sep).join('/'), size: s.size, sha256: await sha256Of(full) });
  }
  return out;
}

/** Attachments whose file is missing or differs from the hash recorded with it. */
export async function attachmentProblems(query: Query, filesDir: string): Promise<string[]> {
  const problems: string[] = [];
  const rows = await query('select storage_key, sha256, thumb_key from attachments');
  for (const r of rows as { storage_key: string; sha256: string; thumb_key: string | null }[]) {
    const file = path.join(filesDir, r.storage_key);
    if (!existsSync(file)) problems.push(`附件文件缺失：${r.storage_key}`);
    else if ((await sha256Of(file)) !== r.sha256) problems.push(`附件文件内容不符：${r.storage_key}`);
    if (r.thumb_key && !existsSync(path.join(filesDir, r.thumb_key)))
      problems.push(`缩略图缺失：${r.thumb_key}`);
  }
  return problems;
}

/** Differences between what a backup recorded and what is there now. */
export function compareInventories(expected: Inventory, actual: Inventory): string[] {
  const problems: string[] = [];
  for (const [table, n] of Object.entries(expected.counts)) {
    const got = actual.counts[table];
    if (got === undefined) problems.push(`表 ${table} 缺失`);
    else if (got !== n) problems.push(`表 ${table} 应有 ${n} 行，实有 ${got} 行`);
  }
  for (const head of expected.chains) {
    const got = actual.chains.find((c) => c.countyCode === head.countyCode);
    if (!got || got.chainNo !== head.chainNo || got.rowHash !== head.rowHash)
      problems.push(
        `县 ${head.countyCode} 的事件链应到第 ${head.chainNo} 条，实到第 ${got?.chainNo ?? 0} 条${got && got.chainNo === head.chainNo ? '（哈希不同）' : ''}`,
      );
  }
  return problems;
}
