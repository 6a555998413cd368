import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { type MatterHooks, runAfterIntake } from './hooks';

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  t = await createTestApp({}, { log: { write: (l) => void lines.push(l) } });
});
afterAll(() => t?.close());

const hooks = (): MatterHooks => {
  if (!t.deps.matterHooks) throw new Error('buildApp wires the matter hooks');
  return t.deps.matterHooks;
};
/** Registers a hook for one test only. */
function withHook<K extends 'inDecision' | 'afterDecision' | 'afterIntake'>(
  kind: K,
  run: MatterHooks[K][number]['run'],
): () => void {
  hooks().on(kind, 'test.only', run);
  return () => {
    const list = hooks()[kind] as { name: string }[];
    list.splice(
      list.findIndex((h) => h.name === 'test.only'),
      1,
    );
  };
}

async function registered() {
  const clerk = await t.login('village-clerk');
  const village = await orgByDivision(t, '620602001001');
  return { clerk, m: (await register(clerk, disputeBody(village.id))).matter as { id: string } };
}

describe('matters run their consumers through hooks wired in buildApp (issue 19)', () => {
  it('buildApp wires court, linked mediation, notifications and risk, in today’s order, and the ports', () => {
    expect(hooks().inDecision.map((h) => h.name)).toEqual([
      'court.mediation-result',
      'linked-mediation.outcome',
      'notifications.resident-updates',
    ]);
    // What matters asks of mediation, documents and notifications, and calendar and events of matters.
    expect(Object.keys(hooks().ports ?? {}).sort()).toEqual(['documents', 'mediation', 'notifications']);
    expect(t.deps.provisionalDeadlines).toBeDefined();
    expect(t.deps.partyNamesByMatter).toBeDefined();
    expect(hooks().afterDecision.map((h) => h.name)).toEqual(['court.deliver-result']);
    expect(hooks().afterIntake.map((h) => h.name)).toEqual(['risk.assess-on-intake']);
  });

  it('an after-commit hook sees the committed step; its failure is logged and the answer stays 200', async () => {
    const { clerk, m } = await registered();
    const seen: string[] = [];
    const off = withHook('afterDecision', async (deps, matter, event) => {
      const [row] = await deps.database.db.query.matters.findMany({
        where: (x, { and, eq }) => and(eq(x.countyCode, matter.countyCode), eq(x.id, matter.id)),
      });
      seen.push(`${event.name}:${row?.status}`);
      throw new Error('消费方故障');
    });
    try {
      const after = await act(clerk, m.id, { action: 'accept' });
      expect(after.status).toBe('handling');
    } finally {
      off();
    }
    expect(seen).toEqual(['matter.accepted:handling']);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.hook === 'test.only');
    expect(logged).toMatchObject({ level: 50, msg: '事项办理后续处理（test.only）失败' });
    expect(logged.err.message).toBe('消费方故障');
  });

  it('an in-transaction hook that fails rolls the step back, as the outbox rows always did', async () => {
    const { clerk, m } = await registered();
    const off = withHook('inDecision', async () => {
      throw new Error('发件箱写入失败');
    });
    try {
      const res = await clerk.request({
        method: 'POST',
        url: `/api/matters/${m.id}/actions`,
        payload: { action: 'accept' },
      });
      expect(res.statusCode).toBe(500);
    } finally {
      off();
    }
    expect((await view(clerk, m.id)).status).toBe('registered');
  });

  it('after an intake, each after-commit hook runs even when an earlier one fails', async () => {
    const id = randomUUID();
    const seen: string[] = [];
    const first = withHook('afterIntake', async () => {
      throw new Error('风险评估失败');
    });
    hooks().on('afterIntake', 'test.second', async (_deps, taken) => void seen.push(taken.matterId));
    try {
      await runAfterIntake(t.deps, { countyCode: '620602', matterId: id });
    } finally {
      first();
      hooks().afterIntake.pop();
    }
    expect(seen).toEqual([id]);
    expect(hooks().afterIntake.map((h) => h.name)).toEqual(['risk.assess-on-intake']);
  });
});
