/**
 * Signed checkpoints of the event chains (docs/SECURITY.md G12). The hash chain shows an edit, but
 * someone who can write the database can also cut the chain's tail, or insert an event and compute
 * every later hash again: the chain is then consistent, just not the one that was. A checkpoint is
 * a county's chain head at a moment — count (the last chain number), head hash, time — with an HMAC
 * whose key is in the server's configuration, never in the database, appended to a file outside the
 * database (and optionally sent to an HTTP endpoint). verifyChain holds the chain to every checkpoint:
 * fewer rows than one counted is a truncated tail, a different hash at its number a rewritten chain.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '../../../../core/domain/canonical-json';
import type { Config } from '../../config';
import type { Clock } from '../../context';
import type { Database } from '../../db/client';
import * as repo from './events.repo';

export interface Checkpoint {
  v: 1;
  countyCode: string;
  /** The chain's length when signed: its last chain number. */
  chainNo: number;
  headHash: string;
  /** ISO time of signing. */
  at: string;
  mac: string;
}

/** A line of a checkpoint file that does not bear its key's signature. */
export interface BadCheckpoint {
  file: string;
  line: number;
  /** The line's county, or the file's when the line cannot be read. */
  countyCode: string;
  chainNo: number;
}

export interface Checkpoints {
  valid: Checkpoint[];
  bad: BadCheckpoint[];
}

type Settings = Config['checkpoints'];
const COUNTY = /^\d{6}$/;

function mac(key: string, c: Omit<Checkpoint, 'mac'>): string {
  const body = canonicalJson({
    v: c.v,
    countyCode: c.countyCode,
    chainNo: c.chainNo,
    headHash: c.headHash,
    at: c.at,
  });
  return createHmac('sha256', key).update(body).digest('hex');
}

export function signCheckpoint(key: string, c: Omit<Checkpoint, 'mac' | 'v'>): Checkpoint {
  const body = {
    v: 1 as const,
    countyCode: c.countyCode,
    chainNo: c.chainNo,
    headHash: c.headHash,
    at: c.at,
  };
  return { ...body, mac: mac(key, body) };
}

export function checkpointSigned(key: string, c: Checkpoint): boolean {
  const expected = Buffer.from(mac(key, c), 'hex');
  const given = Buffer.from(typeof c.mac === 'string' ? c.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parse(line: string): Checkpoint | null {
  try {
    const c = JSON.parse(line) as Checkpoint;
    const shaped =
      c?.v === 1 &&
      typeof c.countyCode === 'string' &&
      Number.isSafeInteger(c.chainNo) &&
      typeof c.headHash === 'string' &&
      typeof c.at === 'string' &&
      typeof c.mac === 'string';
    return shaped ? c : null;
  } catch {
    return null;
  }
}

/** Every checkpoint in the directory (one `<county>.jsonl` per county), checked against the key. */
export async function readCheckpoints(settings: Pick<Settings, 'dir' | 'key'>): Promise<Checkpoints> {
  const out: Checkpoints = { valid: [], bad: [] };
  if (!existsSync(settings.dir)) return out;
  for (const name of (await readdir(settings.dir)).filter((n) => n.endsWith('.jsonl')).sort()) {
    const file = path.join(settings.dir, name);
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      const c = parse(text);
      if (c && checkpointSigned(settings.key, c) && `${c.countyCode}.jsonl` === name) out.valid.push(c);
      else
        out.bad.push({
          file,
          line: i + 1,
          countyCode: c?.countyCode ?? name.replace(/\.jsonl$/, ''),
          chainNo: c?.chainNo ?? 0,
        });
    });
  }
  return out;
}

async function lastIn(file: string): Promise<Checkpoint | null> {
  if (!existsSync(file)) return null;
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.length ? parse(lines[lines.length - 1]!) : null;
}

/**
 * Signs and appends a checkpoint for each county whose chain head moved on from its last one, then
 * sends the new ones to the HTTP endpoint when one is configured. Returns what it published; throws
 * (after publishing the others) when a county's chain no longer holds its last checkpoint.
 */
export async function publishCheckpoints(
  database: Database,
  clock: Clock,
  settings: Settings,
): Promise<Checkpoint[]> {
  const published: Checkpoint[] = [];
  const refused: string[] = [];
  const heads = await repo.chainHeads(database.db);
  if (heads.length) await mkdir(settings.dir, { recursive: true });
  for (const h of heads) {
    if (!COUNTY.test(h.countyCode)) continue;
    const file = path.join(settings.dir, `${h.countyCode}.jsonl`);
    const last = await lastIn(file);
    if (last && last.chainNo === h.chainNo && last.headHash === h.rowHash) continue;
    // Never sign a chain that no longer holds its last checkpoint: that would bless a cut or a
    // rewrite. The server's log says so at every run until someone looks (docs/DEPLOY.md §4).
    if (
      last &&
      (last.chainNo > h.chainNo ||
        (await repo.sealAt(database.db, h.countyCode, last.chainNo))?.rowHash !== last.headHash)
    ) {
      refused.push(h.countyCode);
      continue;
    }
    const c = signCheckpoint(settings.key, {
      countyCode: h.countyCode,
      chainNo: h.chainNo,
      headHash: h.rowHash,
      at: clock.now().toISOString(),
    });
    // Appended and flushed: a checkpoint the server reported is on disk.
    const fh = await open(file, 'a', 0o640);
    try {
      await fh.appendFile(`${JSON.stringify(c)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    published.push(c);
  }
  if (settings.url) {
    for (const c of published) {
      const res = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(c),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`checkpoint endpoint answered ${res.status}`);
    }
  }
  if (refused.length)
    throw new Error(
      `event chain of county ${refused.join(', ')} no longer matches its last checkpoint (cut or rewritten): no checkpoint published; run npm run verify:chain`,
    );
  return published;
}
