/**
 * Signed checkpoints (docs/SECURITY.md G12): a superuser who cuts the chain's tail, or inserts an
 * event and computes the later hashes again, leaves a chain that verifies on its own; held to the
 * checkpoints published outside the database, it does not.
 */
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { eventSeals, events } from '../../db/schema';
import {
  type Checkpoint,
  checkpointSigned,
  publishCheckpoints,
  readCheckpoints,
  signCheckpoint,
} from './checkpoints';
import { eventHash, sealAll, verifyChain } from './events.service';

let t: TestApp;
let settings: TestApp['deps']['config']['checkpoints'];
beforeEach(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zz-cp-'));
  t = await createTestApp({
    checkpoints: { key: 'test-checkpoint-key-0123456789', dir, url: null, intervalMs: 60_000 },
  });
  settings = t.deps.config.checkpoints;
  await sealEverything();
});
afterEach(() => t.close());

const exec = (q: ReturnType<typeof sql>) => t.database.db.execute(q);
const rows = async (q: ReturnType<typeof sql>) =>
  ((await exec(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

/**
 * What a superuser can do: switch the append-only triggers off for one statement. On Citus a
 * distributed table's trigger is switched only with unsafe triggers allowed, for this transaction
 * (elsewhere an inert setting).
 */
async function asSuperuser(statement: ReturnType<typeof sql>) {
  await t.database.transaction(async (tx) => {
    await tx.execute(sql`select set_config('citus.enable_unsafe_triggers', 'on', true)`);
    await tx.execute(sql`alter table events disable trigger events_append_only`);
    await tx.execute(sql`alter table event_seals disable trigger event_seals_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table events enable trigger events_append_only`);
    await tx.execute(sql`alter table event_seals enable trigger event_seals_append_only`);
  });
}

async function chainLength(county = '620602'): Promise<number> {
  const [r] = await rows(sql`select max(chain_no)::int as n from event_seals where county_code = ${county}`);
  return Number(r?.n);
}

/** A new event, sealed: the chain moves on after a checkpoint. */
async function oneMoreEvent() {
  const admin = await t.login('admin');
  t.clock.advanceMinutes(1);
  await admin.request({ method: 'POST', url: '/api/auth/logout' });
  await sealEverything();
}

/**
 * The sealer waits for every older transaction in the cluster (events.service.ts); on a PostgreSQL
 * shared with other test runs, theirs hold it back for a moment.
 */
async function sealEverything() {
  const until = Date.now() + 30_000;
  for (;;) {
    await sealAll(t.database, t.clock);
    if ((await verifyChain(t.database)).unsealed === 0 || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('publishing checkpoints', () => {
  it('appends one signed checkpoint per county whose head moved, and nothing when none did', async () => {
    const first = await publishCheckpoints(t.database, t.clock, settings);
    expect(first.map((c) => c.countyCode)).toEqual(['620602']);
    expect(first[0]).toMatchObject({ chainNo: await chainLength(), at: t.clock.now().toISOString() });
    expect(checkpointSigned(settings.key, first[0]!)).toBe(true);
    expect(checkpointSigned('another-key-0123456789', first[0]!)).toBe(false);
    expect(await publishCheckpoints(t.database, t.clock, settings)).toEqual([]);

    await oneMoreEvent();
    const second = await publishCheckpoints(t.database, t.clock, settings);
    expect(second[0]!.chainNo).toBeGreaterThan(first[0]!.chainNo);
    const lines = readFileSync(path.join(settings.dir, '620602.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as Checkpoint).chainNo)).toEqual([
      first[0]!.chainNo,
      second[0]!.chainNo,
    ]);
    const read = await readCheckpoints(settings);
    expect(read).toMatchObject({ bad: [] });
    expect(read.valid).toHaveLength(2);
    expect(await verifyChain(t.database, undefined, read)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('sends each new checkpoint to the HTTP endpoint when one is set', async () => {
    const received: Checkpoint[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        received.push(JSON.parse(body) as Checkpoint);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as { port: number };
      const url = `http://127.0.0.1:${port}/checkpoints`;
      const sent = await publishCheckpoints(t.database, t.clock, { ...settings, url });
      expect(received).toEqual(sent);
      expect(checkpointSigned(settings.key, received[0]!)).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe('verify:chain against the checkpoints', () => {
  it('reports a truncated tail, which the chain alone does not show', async () => {
    await oneMoreEvent();
    await publishCheckpoints(t.database, t.clock, settings);
    const length = await chainLength();
    const tail = await rows(
      sql`select event_id from event_seals where county_code = '620602' and chain_no > ${length - 2}`,
    );
    const ids = tail.map((r) => Number(r.event_id));
    await asSuperuser(sql`delete from event_seals where county_code = '620602' and chain_no > ${length - 2}`);
    await asSuperuser(
      sql`delete from events where county_code = '620602' and id in (${sql.join(ids, sql`, `)})`,
    );

    expect((await verifyChain(t.database)).ok).toBe(true);
    const v = await verifyChain(t.database, undefined, await readCheckpoints(settings));
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ countyCode: '620602', chainNo: length - 1, eventId: null });
    expect(v.firstBroken?.problem).toMatch(
      new RegExp(`链尾被截断.*已有 ${length} 条，现在只有 ${length - 2} 条`),
    );

    // The server signs no checkpoint over the cut chain, and says why in its log.
    await expect(publishCheckpoints(t.database, t.clock, settings)).rejects.toThrow(
      /county 620602 no longer matches its last checkpoint/,
    );
    expect((await readCheckpoints(settings)).valid.at(-1)?.chainNo).toBe(length);

    // The audit administrator's verification in the web app holds the chain to them too.
    const auditor = await t.login('auditor');
    const res = await auditor.request({ method: 'POST', url: '/api/events/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ok: false,
      firstBroken: { problem: expect.stringMatching(/链尾被截断/) },
    });
  });

  it('reports an event forged into the middle with every later hash computed again', async () => {
    await oneMoreEvent();
    await oneMoreEvent();
    await publishCheckpoints(t.database, t.clock, settings);
    const length = await chainLength();
    const from = length - 3;
    const kept = await t.database.db
      .select()
      .from(eventSeals)
      .where(and(eq(eventSeals.countyCode, '620602'), gte(eventSeals.chainNo, from)))
      .orderBy(asc(eventSeals.chainNo));
    await asSuperuser(sql`delete from event_seals where county_code = '620602' and chain_no >= ${from}`);
    const [forged] = await rows(sql`
      insert into events (county_code, at, action, object_type, object_id)
      values ('620602', ${kept[0]!.sealedAt.toISOString()}, 'user.role_granted', 'user', 'forged')
      returning id`);
    const ids = [Number(forged!.id), ...kept.map((s) => s.eventId)];
    const byId = new Map(
      (
        await t.database.db
          .select()
          .from(events)
          .where(and(eq(events.countyCode, '620602'), inArray(events.id, ids)))
      ).map((e) => [e.id, e]),
    );
    const [before] = await rows(
      sql`select row_hash from event_seals where county_code = '620602' and chain_no = ${from - 1}`,
    );
    let prev = String(before!.row_hash);
    const rewritten = ids.map((id, i) => {
      const e = byId.get(id)!;
      const rowHash = eventHash(prev, e);
      const s = {
        countyCode: '620602',
        chainNo: from + i,
        eventId: id,
        txId: e.txId,
        prevHash: prev,
        rowHash,
      };
      prev = rowHash;
      return { ...s, sealedAt: kept[0]!.sealedAt };
    });
    await t.database.db.insert(eventSeals).values(rewritten);

    expect((await verifyChain(t.database)).ok).toBe(true);
    const v = await verifyChain(t.database, undefined, await readCheckpoints(settings));
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ countyCode: '620602', chainNo: length });
    expect(v.firstBroken?.problem).toMatch(/签名检查点不符.*被插入/);
    await expect(publishCheckpoints(t.database, t.clock, settings)).rejects.toThrow(/no longer matches/);
  });

  it('refuses a checkpoint not signed with the key', async () => {
    await publishCheckpoints(t.database, t.clock, settings);
    const length = await chainLength();
    const fake = signCheckpoint('not-the-key-0123456789', {
      countyCode: '620602',
      chainNo: length,
      headHash: 'f'.repeat(64),
      at: t.clock.now().toISOString(),
    });
    appendFileSync(path.join(settings.dir, '620602.jsonl'), `${JSON.stringify(fake)}\n`);
    const v = await verifyChain(t.database, undefined, await readCheckpoints(settings));
    expect(v.ok).toBe(false);
    expect(v.firstBroken?.problem).toMatch(/620602\.jsonl 第 2 行的签名不符/);
  });
});
