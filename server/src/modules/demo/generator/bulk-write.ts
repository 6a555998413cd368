/**
 * Writes generated rows in bulk: COPY … FROM STDIN on PostgreSQL (one transaction per batch, so the
 * deferred "every unfinished matter has a running deadline" trigger checks the batch at commit), and
 * multi-row INSERTs through Drizzle on PGlite, which has no COPY from a client stream.
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../../db/client';
import { deadlines, matterParties, matters, supervisionOrders } from '../../../db/schema';
import type { Generated } from './synthesize';

type Row = Record<string, unknown>;

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL is \N. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  let s: string;
  if (v instanceof Date) s = v.toISOString();
  else if (typeof v === 'boolean') s = v ? 't' : 'f';
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

function columnsOf(table: PgTable, sample: Row) {
  const cols = getTableColumns(table) as Record<string, { name: string }>;
  return Object.keys(sample)
    .filter((k) => cols[k])
    .map((k) => ({ key: k, name: cols[k]!.name }));
}

function tableName(table: PgTable): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]!;
}

async function copyRows(client: pg.PoolClient | pg.Client, table: PgTable, rows: Row[]) {
  if (!rows.length) return;
  const cols = columnsOf(table, rows[0]!);
  const stream = client.query(
    copyFrom(`COPY ${tableName(table)} (${cols.map((c) => c.name).join(', ')}) FROM STDIN`),
  );
  const chunks = function* () {
    let buf = '';
    for (const r of rows) {
      buf += `${cols.map((c) => copyValue(r[c.key])).join('\t')}\n`;
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  };
  await pipeline(Readable.from(chunks()), stream);
}

const tables = [
  ['matters', matters],
  ['parties', matterParties],
  ['deadlines', deadlines],
  ['supervision', supervisionOrders],
] as const;

function split(batch: Generated[]): Record<(typeof tables)[number][0], Row[]> {
  return {
    matters: batch.map((g) => g.matter as Row),
    parties: batch.flatMap((g) => g.parties as Row[]),
    deadlines: batch.flatMap((g) => g.deadlines as Row[]),
    supervision: batch.flatMap((g) => g.supervision as Row[]),
  };
}

export interface BulkWriter {
  write(batch: Generated[]): Promise<number>;
  close(): Promise<void>;
}

/** `insert` forces multi-row INSERTs on PostgreSQL too (the benchmark's baseline for COPY). */
export async function bulkWriter(database: Database, mode: 'copy' | 'insert' = 'copy'): Promise<BulkWriter> {
  if (database.kind === 'postgres' && mode === 'copy') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return {
      async write(batch) {
        const parts = split(batch);
        await client.query('begin');
        try {
          for (const [k, t] of tables) await copyRows(client, t, parts[k]);
          await client.query('commit');
        } catch (e) {
          await client.query('rollback');
          throw e;
        }
        return tables.reduce((n, [k]) => n + parts[k].length, 0);
      },
      close: () => client.end(),
    };
  }
  return {
    async write(batch) {
      const parts = split(batch);
      await database.transaction(async (tx) => {
        for (const [k, t] of tables) {
          const rows = parts[k];
          // Stay under PostgreSQL's 65,535 bind parameters per statement.
          const per = Math.max(1, Math.floor(60_000 / Math.max(1, Object.keys(rows[0] ?? {}).length)));
          for (let i = 0; i < rows.length; i += per)
            await tx.insert(t).values(rows.slice(i, i + per) as never);
        }
      });
      return tables.reduce((n, [k]) => n + parts[k].length, 0);
    },
    close: async () => {},
  };
}
