/**
 * 联防 and 联创 through the API: a town leader makes a week's roster with a 派出所 shift, a village shift
 * and a route shift, tied to a 社会治安联防 decision of a 调度会; each unit sees only its own shifts,
 * reports them by the core table, and the sweep marks the shift nobody reported. Then the 平安建设
 * targets: the computed 化解率 is the dashboard's, and an attested target goes 待核 → 达标 on the
 * district's review (and a rejected one back to the town).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision, orgByName } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { markOverdueEach } from '../../overdue-sweep';
import { sweepShifts } from './rosters.service';

let t: TestApp;
let leader: Session;
let district: Session;
let police: Session;
let villageClerk: Session;
const ids = { town: '', police: '', village: '', otherVillage: '', bureau: '' };
const names = { police: '' };
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  leader = await t.login('town01-leader');
  district = await t.login('leader');
  villageClerk = await t.login('village-clerk');
  const town = await orgByDivision(t, '620602001');
  const p = await orgByName(t, '东大街街道派出所');
  ids.town = town.id;
  ids.police = p.id;
  ids.village = (await orgByDivision(t, '620602001001')).id;
  ids.otherVillage = (await orgByDivision(t, '620602001002')).id;
  ids.bureau = (await orgByName(t, '凉州区公安分局')).id;
  names.police = (await buildUser(t, p, ['handler'])).username;
  police = await t.login(names.police);
});
afterAll(async () => t?.close());

let rosterId: string;
let policeShift: string;
let villageShift: string;
let routeShift: string;

describe('a shared patrol roster (社会治安联防)', () => {
  it('offers the town’s stations and villages and, from outside its tree, the district departments', async () => {
    const res = await leader.request({ method: 'GET', url: '/api/safety/unit-options' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { org: { id: string; kind: string }; inside: boolean }[];
    expect(items.find((i) => i.org.id === ids.police)?.inside).toBe(true);
    expect(items.find((i) => i.org.id === ids.village)).toMatchObject({
      inside: true,
      org: { kind: 'village' },
    });
    expect(items.find((i) => i.org.id === ids.bureau)?.inside).toBe(false);
  });

  it('is made by the town leader for a week, tied to the 联防 decision of its 调度会', async () => {
    const meeting = await leader.request({
      method: 'POST',
      url: '/api/dispatch/meetings',
      payload: {
        kind: 'regular',
        topic: '三月第一周调度会',
        startsAt: t.clock.now().toISOString(),
        place: '街道综治中心',
        participantOrgIds: [ids.police],
      },
    });
    expect(meeting.statusCode).toBe(200);
    const decided = await leader.request({
      method: 'POST',
      url: `/api/dispatch/meetings/${meeting.json().id}/tasks`,
      payload: {
        title: '夜间联合巡逻，覆盖南苑社区',
        mechanism: 'public_security',
        leadOrgId: ids.police,
        dueDate: '2026-03-08',
      },
    });
    const taskId = (decided.json().tasks as { id: string }[])[0]!.id;
    const res = await leader.request({
      method: 'POST',
      url: '/api/safety/rosters',
      payload: {
        title: '3月第1周夜间联防',
        period: 'week',
        startDate: '2026-03-02',
        jointTaskId: taskId,
        shifts: [
          {
            date: '2026-03-02',
            from: '20:00',
            to: '22:00',
            villageIds: [ids.village],
            unitOrgId: ids.police,
            members: ['李警官'],
          },
          {
            date: '2026-03-03',
            from: '19:00',
            to: '21:00',
            villageIds: [ids.village],
            unitOrgId: ids.village,
            members: ['网格员王芳', '平安志愿者赵大爷'],
          },
          { date: '2026-03-02', from: '08:00', to: '10:00', route: '东大街沿线', unitOrgId: ids.village },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    rosterId = r.id;
    expect(r).toMatchObject({ endDate: '2026-03-08', jointTask: { id: taskId }, counts: { scheduled: 3 } });
    [policeShift, villageShift, routeShift] = (r.shifts as { id: string }[]).map((s) => s.id) as [
      string,
      string,
      string,
    ];
    // The route shift is first: shifts come in time order.
    expect((r.shifts as { route: string }[])[0]!.route).toBe('东大街沿线');
    [routeShift, policeShift, villageShift] = (r.shifts as { id: string }[]).map((s) => s.id) as [
      string,
      string,
      string,
    ];
    const [ev] = await rows<{ n: number }>(
      sql`select count(*)::int as n from events where action = 'safety.roster_created' and object_id = ${rosterId}`,
    );
    expect(ev!.n).toBe(1);
  });

  it('refuses a unit it may not call, a village outside the town and a date outside the week', async () => {
    const base = { title: '错误排班', period: 'week', startDate: '2026-03-02' };
    const shift = {
      date: '2026-03-02',
      from: '20:00',
      to: '22:00',
      villageIds: [ids.village],
      unitOrgId: ids.police,
    };
    for (const bad of [
      { ...shift, unitOrgId: (await orgByDivision(t, '620602002')).id },
      { ...shift, villageIds: [(await orgByDivision(t, '620602002001')).id] },
      { ...shift, date: '2026-03-09' },
    ]) {
      const res = await leader.request({
        method: 'POST',
        url: '/api/safety/rosters',
        payload: { ...base, shifts: [bad] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const noArea = await leader.request({
      method: 'POST',
      url: '/api/safety/rosters',
      payload: { ...base, shifts: [{ ...shift, villageIds: [] }] },
    });
    expect(noArea.statusCode).toBe(400);
  });

  it('puts each shift in its own unit’s queue only', async () => {
    const p = await police.request({ method: 'GET', url: '/api/safety/shifts' });
    expect((p.json().items as { id: string }[]).map((s) => s.id)).toEqual([policeShift]);
    const v = await villageClerk.request({ method: 'GET', url: '/api/safety/shifts' });
    expect((v.json().items as { id: string }[]).map((s) => s.id).sort()).toEqual(
      [routeShift, villageShift].sort(),
    );
    const gone = await villageClerk.request({
      method: 'POST',
      url: `/api/safety/shifts/${policeShift}/report`,
      payload: { outcome: 'missed', note: '不是我们的班' },
    });
    expect(gone.statusCode).toBe(404);
  });

  it('counts today’s shifts and open joint tasks for the workbench tile', async () => {
    const res = await police.request({ method: 'GET', url: '/api/safety/today' });
    expect(res.json()).toEqual({ openJointTasks: 1, shiftsToday: 1, openShiftsToday: 1 });
  });

  it('is reported done by its unit only once it has started, and the leader sees it', async () => {
    const early = await police.request({
      method: 'POST',
      url: `/api/safety/shifts/${policeShift}/report`,
      payload: { outcome: 'done', note: '已巡逻' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().details.reason).toBe('SHIFT_NOT_STARTED');
    t.clock.set('2026-03-02T12:30:00Z'); // 20:30 in China
    police = await t.login(names.police);
    const res = await police.request({
      method: 'POST',
      url: `/api/safety/shifts/${policeShift}/report`,
      payload: { outcome: 'done', note: '巡逻南苑社区，劝散聚集人员一处' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', statusLabel: '已巡逻', allowedOutcomes: [] });
    const again = await police.request({
      method: 'POST',
      url: `/api/safety/shifts/${policeShift}/report`,
      payload: { outcome: 'missed', note: '重复报告' },
    });
    expect(again.json().details.reason).toBe('SHIFT_REPORTED');
    leader = await t.login('town01-leader');
    const r = await leader.request({ method: 'GET', url: `/api/safety/rosters/${rosterId}` });
    expect(r.json().shifts.find((s: { id: string }) => s.id === policeShift)).toMatchObject({
      status: 'done',
      note: '巡逻南苑社区，劝散聚集人员一处',
      allowedOutcomes: [],
    });
  });

  it('is marked unreported by the sweep once its end passed, once, and may still be reported late', async () => {
    const first = await sweepShifts(t.deps);
    expect(first).toEqual({ overdue: 1, failed: [] });
    expect((await sweepShifts(t.deps)).overdue).toBe(0);
    villageClerk = await t.login('village-clerk');
    const v = await villageClerk.request({ method: 'GET', url: '/api/safety/shifts?scope=all' });
    const route = (v.json().items as { id: string; status: string }[]).find((s) => s.id === routeShift);
    expect(route?.status).toBe('unreported');
    const late = await villageClerk.request({
      method: 'POST',
      url: `/api/safety/shifts/${routeShift}/report`,
      payload: { outcome: 'missed', note: '人员参加防汛演练，未能巡逻' },
    });
    expect(late.json()).toMatchObject({ status: 'missed' });
    const [ev] = await rows<{ n: number }>(
      sql`select count(*)::int as n from events where object_id = ${routeShift} and action in ('safety.shift_unreported', 'safety.shift_missed')`,
    );
    expect(ev!.n).toBe(2);
  });

  it('is out of reach of a town it does not belong to', async () => {
    const other = await t.login(
      (await buildUser(t, await orgByDivision(t, '620602002'), ['leader'])).username,
    );
    expect((await other.request({ method: 'GET', url: `/api/safety/rosters/${rosterId}` })).statusCode).toBe(
      404,
    );
  });
});

describe('the shared overdue sweep helper', () => {
  it('goes on past a failing item and counts only what it marked', async () => {
    const out = await markOverdueEach(
      t.deps,
      [1, 2, 3],
      (n) => `项 ${n}`,
      async (_tx, n) => {
        if (n === 2) throw new Error('坏数据');
        return n === 1;
      },
    );
    expect(out).toEqual({ overdue: 1, failed: [{ matterCode: '项 2', message: '坏数据' }] });
  });
});

type Target = {
  code: string;
  status: string;
  figure: string;
  attestation: { id: string; state: string } | null;
  mayAttest: boolean;
  mayReview: boolean;
};
type Village = { village: { id: string }; status: string; targets: Target[] };
const villageOf = (body: { villages: Village[] }, id: string) =>
  body.villages.find((v) => v.village.id === id)!;

describe('平安建设 targets', () => {
  it('computes a village’s 化解率 exactly as the dashboard does for the year', async () => {
    leader = await t.login('town01-leader');
    district = await t.login('leader');
    const res = await leader.request({ method: 'GET', url: '/api/safety/targets?year=2026' });
    expect(res.statusCode).toBe(200);
    const v = villageOf(res.json(), ids.village);
    const kpis = await leader.request({
      method: 'GET',
      url: `/api/dashboard/kpis?villageId=${ids.village}&from=2026-01&to=2026-12`,
    });
    const resolved = (kpis.json().kpis as { key: string; current: { num: number; den: number } }[]).find(
      (k) => k.key === 'resolvedRate',
    )!.current;
    const target = v.targets.find((x) => x.code === 'resolved_rate')!;
    if (resolved.den === 0)
      expect(target).toMatchObject({ status: 'pending', figure: '化解率：暂无办结事项' });
    else {
      expect(target.figure).toContain(`（${resolved.num}/${resolved.den} 件）`);
      expect(target.status).toBe(resolved.num / resolved.den >= 0.95 ? 'met' : 'unmet');
    }
    // Every village of the town is listed, none of another town.
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from orgs where kind = 'village' and active and parent_id = ${ids.town}`,
    );
    expect(res.json().villages).toHaveLength(n!.n);
  });

  it('takes an attested target 待核 → 达标 on the district’s review', async () => {
    const noTarget = await leader.request({
      method: 'POST',
      url: `/api/safety/villages/${ids.village}/targets/resolved_rate/attest`,
      payload: { year: 2026, evidence: '系统计算的目标不需填报' },
    });
    expect(noTarget.json().details.reason).toBe('TARGET_COMPUTED');
    const res = await leader.request({
      method: 'POST',
      url: `/api/safety/villages/${ids.village}/targets/no_homicide/attest`,
      payload: { year: 2026, evidence: '经派出所核查，本年度辖区未发生命案（附派出所证明）。' },
    });
    expect(res.statusCode).toBe(200);
    const target = villageOf(res.json(), ids.village).targets.find((x) => x.code === 'no_homicide')!;
    expect(target).toMatchObject({ status: 'pending', attestation: { state: 'attested' }, mayReview: false });
    const byTown = await leader.request({
      method: 'POST',
      url: `/api/safety/attestations/${target.attestation!.id}/review`,
      payload: { approve: true },
    });
    expect(byTown.statusCode).toBe(403);
    const seen = villageOf(
      (await district.request({ method: 'GET', url: '/api/safety/targets?year=2026' })).json(),
      ids.village,
    );
    expect(seen.targets.find((x) => x.code === 'no_homicide')).toMatchObject({
      mayReview: true,
      mayAttest: false,
    });
    const ok = await district.request({
      method: 'POST',
      url: `/api/safety/attestations/${target.attestation!.id}/review`,
      payload: { approve: true, note: '证明材料齐全' },
    });
    expect(ok.statusCode).toBe(200);
    expect(villageOf(ok.json(), ids.village).targets.find((x) => x.code === 'no_homicide')).toMatchObject({
      status: 'met',
      attestation: { state: 'approved' },
    });
    const twice = await district.request({
      method: 'POST',
      url: `/api/safety/attestations/${target.attestation!.id}/review`,
      payload: { approve: false, note: '重复审核' },
    });
    expect(twice.statusCode).toBe(409);
    const locked = await leader.request({
      method: 'POST',
      url: `/api/safety/villages/${ids.village}/targets/no_homicide/attest`,
      payload: { year: 2026, evidence: '再次修改填报内容' },
    });
    expect(locked.json().details.reason).toBe('ALREADY_APPROVED');
  });

  it('gives a rejected target 未达标 and the village with it, until the town states it again', async () => {
    const res = await leader.request({
      method: 'POST',
      url: `/api/safety/villages/${ids.otherVillage}/targets/crime_down/attest`,
      payload: { year: 2026, evidence: '刑事案件同比下降 12%。' },
    });
    const a = villageOf(res.json(), ids.otherVillage).targets.find((x) => x.code === 'crime_down')!
      .attestation!;
    const noReason = await district.request({
      method: 'POST',
      url: `/api/safety/attestations/${a.id}/review`,
      payload: { approve: false },
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await district.request({
      method: 'POST',
      url: `/api/safety/attestations/${a.id}/review`,
      payload: { approve: false, note: '缺公安机关统计数据' },
    });
    const v = villageOf(rejected.json(), ids.otherVillage);
    expect(v.targets.find((x) => x.code === 'crime_down')?.status).toBe('unmet');
    expect(v.status).toBe('unmet');
    const again = await leader.request({
      method: 'POST',
      url: `/api/safety/villages/${ids.otherVillage}/targets/crime_down/attest`,
      payload: { year: 2026, evidence: '补充公安分局统计：同比下降 12%。' },
    });
    expect(
      villageOf(again.json(), ids.otherVillage).targets.find((x) => x.code === 'crime_down'),
    ).toMatchObject({
      status: 'pending',
      attestation: { state: 'attested' },
    });
  });

  it('hides another town’s village like a missing one', async () => {
    const res = await leader.request({
      method: 'POST',
      url: `/api/safety/villages/${(await orgByDivision(t, '620602002001')).id}/targets/no_homicide/attest`,
      payload: { year: 2026, evidence: '越权填报测试' },
    });
    expect(res.statusCode).toBe(404);
  });
});
