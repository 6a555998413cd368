import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import type { Deps, RequestCtx } from '../../context';
import { write } from './write';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const ctx: RequestCtx = { requestId: 'write-test', ip: null, actor: null };

async function eventsOf(objectId: string) {
  return t.database.db.query.events.findMany({ where: (e, { eq }) => eq(e.objectId, objectId) });
}

describe('write(deps, ctx, fn): one transaction, its events, one kick of the sealer after the commit', () => {
  it('records the events in the transaction and kicks the sealer once, after the commit', async () => {
    const id = randomUUID();
    const kicks: number[] = [];
    const deps: Deps = { ...t.deps, kickSealer: () => void kicks.push(kicks.length) };
    const out = await write(deps, ctx, async ({ event }) => {
      await event({ countyCode: '620602', action: 'test.one', objectType: 'test', objectId: id });
      await event({ countyCode: '620602', action: 'test.two', objectType: 'test', objectId: id });
      expect(kicks).toEqual([]); // not before the commit: the sealer would not see the rows yet
      return 'done';
    });
    expect(out).toBe('done');
    expect(kicks).toEqual([0]);
    expect((await eventsOf(id)).map((e) => e.action).sort()).toEqual(['test.one', 'test.two']);
  });

  it('a failure rolls the events back and kicks nothing', async () => {
    const id = randomUUID();
    const kicks: number[] = [];
    const deps: Deps = { ...t.deps, kickSealer: () => void kicks.push(1) };
    await expect(
      write(deps, ctx, async ({ event }) => {
        await event({ countyCode: '620602', action: 'test.lost', objectType: 'test', objectId: id });
        throw new Error('写入失败');
      }),
    ).rejects.toThrow('写入失败');
    expect(kicks).toEqual([]);
    expect(await eventsOf(id)).toEqual([]);
  });
});
