import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';

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
