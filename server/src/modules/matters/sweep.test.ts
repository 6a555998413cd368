/**
 * One matter never stops a job (issue 13): a matter the sweep cannot process is reported with its
 * code and left for the next run, while the good ones around it are warned, marked and supervised.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, view } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { sweepDeadlines } from './sweep.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the deadline sweep with a broken matter among good ones', () => {
  it('processes the good ones, reports the broken one by code, and tries it again next run', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await clerk.request({
        method: 'POST',
        url: '/api/matters',
        payload: disputeBody(village.id),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((await act(clerk, res.json().matter.id, { action: 'accept' })).id);
    }
    const [good1, broken, good2] = ids as [string, string, string];
    const brokenCode = (await view(clerk, broken)).code;
    // The middle one's place in the tree is damaged: raising its 督办 (to the level above) fails.
    await t.database.db.execute(sql`update matters set owner_path = 'not-an-org' where id = ${broken}`);

    t.clock.advance(8 * 86_400_000);
    const first = await sweepDeadlines(t.deps);
    expect(first.failed).toEqual([{ matterCode: brokenCode, message: expect.any(String) }]);
    expect(first.supervised).toBe(2);
    for (const id of [good1, good2])
      expect((await view(await t.login('town01-clerk'), id)).supervised).toBe(true);

    // Nothing of the broken matter's step was kept, so the next run meets it again.
    const second = await sweepDeadlines(t.deps);
    expect(second.failed.map((f) => f.matterCode)).toEqual([brokenCode]);
    expect(second.supervised).toBe(0);
  });
});
