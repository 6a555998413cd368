import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByName } from '../../../test/factories';
import { buildMediatedMatter, clerkOf } from '../../../test/matter-factory';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { matters } from '../../db/schema';
import { actOnMatter } from '../matters/actions.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('the roster of mediators (调解员名册)', () => {
  it('lists the county’s mediators to staff who work matters, with what they mediate', async () => {
    const admin = await t.login('admin');
    const clerk = await t.login('village-clerk');
    const all = (await clerk.request({ method: 'GET', url: '/api/mediators' })).json();
    const village = all.find((x: { displayName: string }) => x.displayName.includes('南苑社区调解员'));
    expect(village).toMatchObject({ org: expect.objectContaining({ name: '南苑社区人民调解委员会' }) });

    const saved = await admin.request({
      method: 'PUT',
      url: `/api/mediators/${village.userId}/profile`,
      payload: {
        specialties: ['邻里纠纷', '婚姻家庭'],
        courtRosters: ['凉州区人民法院'],
        rosterNo: 'TY-2026-017',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const found = (
      await clerk.request({
        method: 'GET',
        url: `/api/mediators?specialty=${encodeURIComponent('邻里纠纷')}`,
      })
    ).json();
    expect(found.map((x: { userId: string }) => x.userId)).toEqual([village.userId]);
    expect(found[0]).toMatchObject({ courtRosters: ['凉州区人民法院'], rosterNo: 'TY-2026-017' });
  });

  it('is kept by the business administrator only, and only for mediators', async () => {
    const clerk = await t.login('village-clerk');
    const admin = await t.login('admin');
    const list = (await clerk.request({ method: 'GET', url: '/api/mediators' })).json();
    const denied = await clerk.request({
      method: 'PUT',
      url: `/api/mediators/${list[0].userId}/profile`,
      payload: { specialties: [], courtRosters: [] },
    });
    expect(denied.statusCode).toBe(403);
    const notMediator = await admin.request({
      method: 'PUT',
      url: `/api/mediators/${clerk.userId}/profile`,
      payload: { specialties: ['x'], courtRosters: [] },
    });
    expect(notMediator.statusCode).toBe(404);
    const resident = await t.login('resident');
    expect((await resident.request({ method: 'GET', url: '/api/mediators' })).statusCode).toBe(403);
  });
});

describe('assigning a mediator (人民调解法 art. 19)', () => {
  it('takes only an active mediator of the county’s roster; anyone else is refused and nothing changes', async () => {
    const committee = await orgByName(t, '南苑社区人民调解委员会');
    const built = await buildMediatedMatter(t, committee, 'mediating');
    const clerk = await clerkOf(t, committee);
    const assign = (mediatorId: string) =>
      actOnMatter(t.deps, { ...clerk, requestId: `test-${randomUUID()}` }, built.id, {
        action: 'assign_mediator',
        mediatorId,
        chosenBy: 'parties',
        conflictOfInterest: false,
      } as never);
    const before = await t.database.db.select().from(matters).where(eq(matters.id, built.id));
    const handler = await buildUser(t, committee, ['handler']);
    const retired = await buildUser(t, committee, ['mediator'], { disabled: true });
    for (const id of [handler.id, retired.id, randomUUID(), 'not-a-user-id']) {
      const err = await assign(id).catch((e: unknown) => e);
      expect(err, id).toMatchObject({ code: 'COMMAND_INVALID', details: { reason: 'NOT_A_MEDIATOR' } });
      expect((err as Error).message).toContain('调解员名册');
    }
    const after = await t.database.db.select().from(matters).where(eq(matters.id, built.id));
    expect(after[0]!.version).toBe(before[0]!.version);
    expect(after[0]!.state.mediation?.mediatorId).toBe(before[0]!.state.mediation?.mediatorId);

    const other = await buildUser(t, committee, ['mediator']);
    await assign(other.id);
    const [now] = await t.database.db.select().from(matters).where(eq(matters.id, built.id));
    expect(now!.state.mediation?.mediatorId).toBe(other.id);
  });
});
