/**
 * Issue 5's exactly-once test: the court simulator runs as its own process and is killed with
 * SIGKILL while a delivery waits for its answer (the court has recorded the message but not yet
 * said so), then restarted on the same data. Every message must be on the court's record exactly
 * once, and the outbox must show every one delivered.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { until } from '../../../test/court-kit';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { courtOutbox } from '../../db/schema';
import { httpCourtSender } from './court-client';
import { deliverDue, enqueue, newMessageId } from './outbox.service';

let t: TestApp;
let sim: ChildProcess | null = null;
const dir = mkdtempSync(path.join(os.tmpdir(), 'zz-court-kill-'));
let port = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startSim() {
  const child = spawn(
    process.execPath,
    [
      // One process (tsx as a loader, not its CLI, which would run the server in a child that
      // outlives a SIGKILL of the parent).
      '--import',
      'tsx',
      'scripts/court-sim.ts',
      '--port',
      String(port),
      '--dir',
      dir,
      '--ack-delay-ms',
      '300',
      '--auto-rule-ms',
      'off',
      '--auto-register-ms',
      'off',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'development' } },
  );
  child.stderr?.on('data', (d) => process.stderr.write(d));
  await until(
    'the simulator to listen',
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    20_000,
  );
  return child;
}

const accepted = () => {
  const f = path.join(dir, 'received.jsonl');
  return existsSync(f)
    ? readFileSync(f, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { key: string })
    : [];
};

beforeAll(async () => {
  t = await createTestApp();
  port = await freePort();
  sim = await startSim();
}, 60_000);
afterAll(async () => {
  sim?.kill('SIGKILL');
  await t?.close();
});

it('delivers every message exactly once although the court is killed mid-delivery', async () => {
  const n = 12;
  const ids: string[] = [];
  await t.database.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const messageId = newMessageId();
      ids.push(messageId);
      await enqueue(
        t.deps,
        { requestId: 'kill-test', ip: null, actor: null },
        tx,
        { countyCode: '620602', matterId: null, courtCaseId: null },
        'mediation_result',
        {
          messageType: 'mediation_result',
          messageId,
          countyCode: '620602',
          courtCaseNo: `(2026)甘0602民初${900 + i}号`,
          matterCode: `620602-2026-${String(900 + i).padStart(6, '0')}`,
          outcome: 'failed',
          reasonCode: 'positions_too_far_apart',
          reason: '分歧较大',
          concludedAt: '2026-03-02T02:00:00.000Z',
        } as never,
      );
    }
  });
  const send = httpCourtSender({ ...t.deps.config.court, platformUrl: `http://127.0.0.1:${port}` }, 5000);
  let stop = false;
  let failures = 0;
  // The delivery job, as the server runs it: small batches, retries due after the backoff.
  const loop = (async () => {
    while (!stop) {
      const r = await deliverDue(t.deps, send, { limit: 2 });
      failures += r.retried;
      t.clock.advance(2 * 3600_000);
      await new Promise((res) => setTimeout(res, 20));
    }
  })();

  // Kill the court the moment it has recorded a third message, before it answers.
  await until('three messages on the court’s record', async () => accepted().length >= 3, 30_000);
  sim!.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 800));
  sim = await startSim();

  await until(
    'every message delivered',
    async () => {
      const rows = await t.database.db.select().from(courtOutbox);
      return rows.length === n && rows.every((r) => r.status === 'delivered');
    },
    60_000,
  );
  stop = true;
  await loop;

  const keys = accepted().map((r) => r.key);
  expect(keys.sort()).toEqual(ids.map((id) => `zz-${id}`).sort());
  const duplicates = readFileSync(path.join(dir, 'duplicates.jsonl'), 'utf8').split('\n').filter(Boolean);
  // The message in flight at the kill was sent again and recognised: the kill did land mid-delivery.
  expect(duplicates.length).toBeGreaterThanOrEqual(1);
  expect(failures).toBeGreaterThanOrEqual(1);
  console.info(
    `court kill test: ${n} messages, ${failures} failed attempts, ${duplicates.length} duplicate arrival(s) recognised, ${keys.length} on the court's record`,
  );
  const rows = await t.database.db.select().from(courtOutbox).where(eq(courtOutbox.countyCode, '620602'));
  expect(rows.every((r) => r.deliveredAt)).toBe(true);
}, 120_000);
