import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('organisations', () => {
  it('gives the district the whole tree: 50 towns, 550 villages, each with its 综治中心', async () => {
    const s = await t.login('admin');
    const tree = (await s.request({ method: 'GET', url: '/api/orgs/tree' })).json();
    expect(tree).toMatchObject({ name: '凉州区', kind: 'district', divisionCode: '620602' });
    const towns = tree.children.filter((c: { kind: string }) => c.kind === 'town');
    expect(towns).toHaveLength(50);
    const villages = towns.flatMap((t: { children: { kind: string }[] }) =>
      t.children.filter((c) => c.kind === 'village'),
    );
    expect(villages).toHaveLength(550);
    const depts = tree.children
      .filter((c: { kind: string }) => c.kind === 'department')
      .map((d: { name: string }) => d.name);
    expect(depts).toEqual(
      expect.arrayContaining(['凉州区信访局', '凉州区司法局', '凉州区公安分局', '凉州区人民法院']),
    );
    const rooms = tree.children.filter((c: { kind: string }) => c.kind === 'mediation_room');
    expect(rooms).toHaveLength(28);
    const detail = (await s.request({ method: 'GET', url: `/api/orgs/${towns[0].id}` })).json();
    expect(detail.centerName).toBe('东大街街道综治中心');
  });

  it('gives a village clerk only the village and its committees', async () => {
    const s = await t.login('village-clerk');
    const tree = (await s.request({ method: 'GET', url: '/api/orgs/tree' })).json();
    expect(tree).toMatchObject({ name: '南苑社区居委会', kind: 'village' });
    expect(tree.children.map((c: { name: string }) => c.name)).toContain('南苑社区人民调解委员会');
  });

  it('finds orgs by name with the path above them', async () => {
    const s = await t.login('admin');
    const res = await s.request({ method: 'GET', url: `/api/orgs?q=${encodeURIComponent('四坝')}` });
    const names = res
      .json()
      .map((o: { name: string; pathNames: string[] }) => [o.name, o.pathNames.join('/')]);
    expect(names).toContainEqual(['四坝镇', '凉州区']);
    expect(names.some(([n]: string[]) => n === '四坝镇派出所')).toBe(true);
  });

  it('lets the administrator add a unit under a town, and refuses a kind that does not belong there', async () => {
    const s = await t.login('admin');
    const town = await orgByDivision(t, '620602002');
    const ok = await s.request({
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: town.id, name: '西大街街道市场监管所', kind: 'unit' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      level: 'town',
      parentId: town.id,
      ancestors: [{ name: '凉州区' }, { name: '西大街街道' }],
    });
    const village = await orgByDivision(t, '620602002001');
    const bad = await s.request({
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: village.id, name: '某派出所', kind: 'unit' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe('村（社区）下不能设立站所。');
  });

  it('keeps division names as the state gives them', async () => {
    const s = await t.login('admin');
    const town = await orgByDivision(t, '620602002');
    const res = await s.request({
      method: 'PATCH',
      url: `/api/orgs/${town.id}`,
      payload: { name: '改名街道' },
    });
    expect(res.statusCode).toBe(422);
  });
});
