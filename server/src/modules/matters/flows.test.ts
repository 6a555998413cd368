import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision, orgByName } from '../../../test/factories';
import { act, actionNames, view } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a grid worker’s report through the closed loop (docs/LEGAL.md §11.4)', () => {
  it('is verified, dispatched, fails a check (返工), passes it, and is answered', async () => {
    const gw = await t.login('town01-gw1');
    const village = await orgByDivision(t, '620602001001');
    const created = await gw.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        kind: 'report',
        channel: 'grid',
        categoryCode: 'GRID-02',
        title: '巷道井盖缺失',
        description: '南苑社区某巷井盖缺失，夜间有行人跌落风险。',
        place: { villageId: village.id, address: '南苑社区某巷口' },
        parties: [{ role: 'applicant', name: '网格员上报' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    let m = created.json().matter;
    expect(m.deadlines[0].basis).toBe('LOCAL-GRID-VERIFY');
    const clerk = await t.login('village-clerk');
    m = await act(clerk, m.id, { action: 'verify' });
    expect(m.status).toBe('filed');
    const town = await orgByDivision(t, '620602001');
    m = await act(clerk, m.id, {
      action: 'transfer',
      transferKind: 'escalate_up',
      toOrgId: town.id,
      reason: '需镇综合执法队处置',
    });
    expect(m.status).toBe('transferring');
    const townClerk = await t.login('town01-clerk');
    m = await act(townClerk, m.id, { action: 'receive' });
    expect(m.status).toBe('filed');
    // 派遣: the town dispatches to its enforcement team, which signs for it and handles it.
    const team = await orgByName(t, '东大街街道综合执法队');
    m = await act(townClerk, m.id, {
      action: 'transfer',
      transferKind: 'to_department',
      toOrgId: team.id,
      reason: '派遣综合执法队处置',
    });
    const worker = await buildUser(t, team, ['handler']);
    const ws = await t.login(worker.username);
    m = await act(ws, m.id, { action: 'receive' });
    expect(m.status).toBe('handling');
    m = await act(ws, m.id, { action: 'submit_feedback', reason: '已安装临时井盖' });
    expect(m.status).toBe('checking');
    // 核查 by the dispatching town; a failed check is 返工, not 回退.
    m = await view(townClerk, m.id);
    expect(actionNames(m)).toContain('check_fail');
    m = await act(townClerk, m.id, { action: 'check_fail', reason: '临时井盖不牢固' });
    m = await view(ws, m.id);
    expect(m.status).toBe('handling');
    expect(m.reworkCount).toBe(1);
    await act(ws, m.id, { action: 'submit_feedback', reason: '已更换为铸铁井盖' });
    m = await act(townClerk, m.id, { action: 'check_pass' });
    expect(m.status).toBe('answered');
    const events = m.timeline.map((e: { action: string }) => e.action);
    expect(events).toEqual(
      expect.arrayContaining(['matter.filed', 'matter.check_failed', 'matter.check_passed']),
    );
  });
});

describe('a wrong dispatch (XF art. 23(3))', () => {
  it('lets the receiver object within 5 working days, and the sender’s level decides', async () => {
    const clerk = await t.login('town01-clerk');
    const village = await orgByDivision(t, '620602001002');
    const m0 = (
      await clerk.request({
        method: 'POST',
        url: '/api/matters',
        payload: {
          kind: 'petition',
          channel: 'letter',
          categoryCode: 'PET-03',
          title: '反映企业拖欠货款',
          description: '某企业拖欠货款两年未付，多次催讨无果。',
          place: { villageId: village.id },
          parties: [{ role: 'applicant', name: '周某', phone: '13800003333' }],
        },
      })
    ).json().matter;
    const dept = await orgByName(t, '东大街街道司法所');
    let m = await act(clerk, m0.id, {
      action: 'transfer',
      transferKind: 'to_department',
      toOrgId: dept.id,
      reason: '交司法所办理',
    });
    const liaison = await buildUser(t, dept, ['clerk']);
    const ls = await t.login(liaison.username);
    m = await act(ls, m.id, { action: 'receive' });
    const window = m.deadlines.find(
      (d: { basis: string; status: string }) => d.basis === 'XF-23-objection' && d.status === 'running',
    );
    // Received Monday 2026-03-02: five working days from the next day end Monday 03-09.
    expect(window.dueAt).toBe('2026-03-09T15:59:59.999Z');
    m = await act(ls, m.id, { action: 'object', reason: '属合同纠纷，应导入诉讼程序，不属本所职责' });
    expect(m.status).toBe('objected');
    const decided = await act(clerk, m.id, {
      action: 'decide_objection',
      upheld: true,
      reason: '异议成立，退回重新分流',
    });
    expect(decided.owner.name).toBe('东大街街道');
    expect(decided.timeline.map((e: { action: string }) => e.action)).toContain('matter.objection_decided');
  });
});

describe('local time-limit policies', () => {
  it('apply to clocks that start after a change, and never move a running deadline', async () => {
    const clerk = await t.login('village-clerk');
    const village = await orgByDivision(t, '620602001001');
    const body = {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '宅前堆放杂物纠纷',
      description: '邻居在宅前长期堆放杂物，影响通行。',
      place: { villageId: village.id },
      parties: [{ role: 'applicant', name: '吴某', phone: '13300004444' }],
    };
    const a = (await clerk.request({ method: 'POST', url: '/api/matters', payload: body })).json().matter;
    const before = await act(clerk, a.id, { action: 'accept' });
    const dueBefore = before.deadlines.find((d: { basis: string }) => d.basis === 'LOCAL-VILLAGE').dueAt;
    // The administrator shortens the village handling period to 3 days (a new version of the policy).
    const villagePolicy = {
      villageHandling: {
        label: '村（社区）级矛盾纠纷办理期限',
        value: {
          basis: 'LOCAL-VILLAGE',
          label: '村（社区）级矛盾纠纷办理期限',
          amount: 3,
          unit: 'calendar_day',
          startRule: 'next_day',
          rollOverIfRestDay: true,
          citation: '凉州区本地规定（测试）',
        },
        confidence: 'low',
        source: '测试',
      },
    };
    await t.database.db.execute(
      sql`insert into config_documents (county_code, name, version, body, created_at) values ('620602', 'local_policies', 1, ${JSON.stringify(villagePolicy)}::jsonb, now())`,
    );
    const still = await view(clerk, a.id);
    expect(still.deadlines.find((d: { basis: string }) => d.basis === 'LOCAL-VILLAGE').dueAt).toBe(dueBefore);
    const b = (
      await clerk.request({
        method: 'POST',
        url: '/api/matters',
        payload: { ...body, title: '另一起堆放杂物纠纷' },
      })
    ).json().matter;
    const after = await act(clerk, b.id, { action: 'accept' });
    const d = after.deadlines.find((x: { basis: string }) => x.basis === 'LOCAL-VILLAGE');
    // Accepted Monday 2026-03-02: 3 days end Thursday 03-05.
    expect(d.dueAt).toBe('2026-03-05T15:59:59.999Z');
    expect(d.citation).toBe('凉州区本地规定（测试）');
  });
});

describe('首问负责 and 工作零死角 in the database', () => {
  it('refuses to commit an unfinished matter left without a running deadline', async () => {
    const clerk = await t.login('village-clerk');
    const village = await orgByDivision(t, '620602001001');
    const m = (
      await clerk.request({
        method: 'POST',
        url: '/api/matters',
        payload: {
          kind: 'dispute',
          channel: 'walk_in',
          categoryCode: 'MED-02',
          title: '测试无期限事项',
          description: '用于验证数据库约束。',
          place: { villageId: village.id },
          parties: [{ role: 'applicant', name: '冯某', phone: '13200006666' }],
        },
      })
    ).json().matter;
    const stopAll = t.database.transaction((tx) =>
      tx.execute(sql`update deadlines set status = 'stopped' where matter_id = ${m.id}`),
    );
    await expect(stopAll).rejects.toThrow();
    const still = await view(clerk, m.id);
    expect(still.deadlines.some((d: { status: string }) => d.status === 'running')).toBe(true);
    await expect(
      t.database.transaction((tx) =>
        tx.execute(sql`update matters set owner_org_id = null where id = ${m.id}`),
      ),
    ).rejects.toThrow();
  });
});

describe('a petition about an office (信访工作条例 art. 46(5))', () => {
  it('never shows the petitioner to the office complained about, even when it works the matter', async () => {
    const clerk = await t.login('town01-clerk');
    const village = await orgByDivision(t, '620602001002');
    const station = await orgByName(t, '东大街街道派出所');
    let m = (
      await clerk.request({
        method: 'POST',
        url: '/api/matters',
        payload: {
          kind: 'petition',
          channel: 'letter',
          categoryCode: 'PET-02',
          title: '反映派出所民警办案不公',
          description: '检举某民警在处理纠纷时偏袒一方。联系人陈检举，电话13900007777。',
          place: { villageId: village.id },
          complainedOrgId: station.id,
          parties: [
            { role: 'applicant', name: '陈检举', phone: '13900007777', idNumber: '620602199001011230' },
          ],
        },
      })
    ).json();
    if (!m.matter) throw new Error(JSON.stringify(m));
    m = m.matter;
    expect(m.identityProtected).toBe(true);
    m = await act(clerk, m.id, { action: 'accept' });
    // The clerk is warned that the station is the office complained about, and that the text names
    // the petitioner; only a confirmed request sends it there.
    const warned = await clerk.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'add_co_handler', orgId: station.id },
    });
    expect(warned.statusCode).toBe(409);
    expect(warned.json()).toMatchObject({
      code: 'COMPLAINED_ORG_TARGET',
      details: { orgId: station.id, identityInText: true },
    });
    expect(warned.json().message).toContain('东大街街道派出所就是本事项所反映（投诉）的单位');
    m = await act(clerk, m.id, { action: 'add_co_handler', orgId: station.id, confirmComplainedOrg: true });
    const officer = await buildUser(t, station, ['handler']);
    const os = await t.login(officer.username);
    const seen = await os.request({ method: 'GET', url: `/api/matters/${m.id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('陈');
    expect(seen.body).not.toContain('13900007777');
    expect(seen.body).not.toContain('139****7777');
    expect(seen.json().description).toBe('检举某民警在处理纠纷时偏袒一方。联系人***，电话******。');
    const unmask = await os.request({ method: 'GET', url: `/api/matters/${m.id}?unmask=true` });
    expect(unmask.statusCode).toBe(403);
  });
});
