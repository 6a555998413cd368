/**
 * 工作调度会 through the API: a town center calls units inside and outside its tree with an agenda
 * drawn from what is open; each decision is a joint task in the lead's and co-units' queues; the units
 * report and complete by the core table; the sweep marks a late task overdue with 督办 to the center;
 * the next meeting's agenda brings each task back with its state. Then 治未病 measures against a
 * warning, tracked to done, with the warning's indicator before and after.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision, orgByName } from '../../../test/factories';
import { disputeBody, register } from '../../../test/matter-steps';
import { buildWarning } from '../../../test/risk-factory';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { sweepMeasures } from '../risk/measures.service';
import { sweepJointTasks } from './tasks.service';

let t: TestApp;
let leader: Session;
let police: Session;
let justice: Session;
let tribunal: Session;
let ids: {
  police: string;
  justice: string;
  enforcement: string;
  tribunal: string;
  bureau: string;
  village: string;
};
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
const day = (offset: number) =>
  new Date(t.clock.now().getTime() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

async function as(username: string) {
  return t.login(username);
}

const names: Record<string, string> = {};
/** Moves the clock by days and logs everyone in again (sessions time out while idle). */
async function advanceDays(n: number) {
  t.clock.advance(n * 86_400_000);
  leader = await as('town01-leader');
  police = await as(names.police!);
  justice = await as(names.justice!);
  tribunal = await as(names.tribunal!);
}

beforeAll(async () => {
  t = await createTestApp();
  leader = await as('town01-leader');
  const town = await orgByDivision(t, '620602001');
  const p = await orgByName(t, '东大街街道派出所');
  const j = await orgByName(t, '东大街街道司法所');
  const e = await orgByName(t, '东大街街道综合执法队');
  const [tr] = await rows<{ id: string }>(
    sql`select id from orgs where name like '%人民法庭' and path not like ${`${town.path}%`} order by name limit 1`,
  );
  const b = await orgByName(t, '凉州区公安分局');
  const v = await orgByDivision(t, '620602001001');
  ids = { police: p.id, justice: j.id, enforcement: e.id, tribunal: tr!.id, bureau: b.id, village: v.id };
  names.police = (await buildUser(t, p, ['handler'])).username;
  names.justice = (await buildUser(t, j, ['clerk'])).username;
  police = await as(names.police);
  justice = await as(names.justice);
  const trOrg = (await rows<{ name: string }>(sql`select name from orgs where id = ${tr!.id}`))[0]!;
  names.tribunal = (await buildUser(t, await orgByName(t, trOrg.name), ['clerk'])).username;
  tribunal = await as(names.tribunal);
});
afterAll(async () => t?.close());

let meetingId: string;
let warningId: string;
const taskIds: string[] = [];

describe('a town 调度会', () => {
  it('offers its own stations and, from outside its tree, the district departments and the tribunals', async () => {
    const res = await leader.request({ method: 'GET', url: '/api/dispatch/participant-options' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { org: { id: string }; inside: boolean }[];
    const of = (id: string) => items.find((i) => i.org.id === id);
    expect(of(ids.police)?.inside).toBe(true);
    expect(of(ids.tribunal)?.inside).toBe(false);
    expect(of(ids.bureau)?.inside).toBe(false);
  });

  it('is called by a leader of a town or district center only', async () => {
    const clerk = await as('village-clerk');
    expect((await clerk.request({ method: 'GET', url: '/api/dispatch/agenda-draft' })).statusCode).toBe(403);
  });

  it('draws its agenda from the hard matters and warnings of the town', async () => {
    const clerk = await as('village-clerk');
    const hard = await register(
      clerk,
      disputeBody(ids.village, { riskGrade: 'red', title: '王甲乙等多户村民土地承包纠纷' }),
    );
    t.clock.advanceMinutes(1); // the rules raise a warning after the matters behind it
    warningId = (await buildWarning(t, await orgByDivision(t, '620602001'), [hard.matter.id])).id;
    const res = await leader.request({
      method: 'POST',
      url: '/api/dispatch/meetings',
      payload: {
        kind: 'regular',
        topic: '十二月第一次工作调度会',
        startsAt: t.clock.now().toISOString(),
        place: '东大街街道综治中心会议室',
        participantOrgIds: [ids.police, ids.justice, ids.enforcement, ids.tribunal, ids.bureau],
        externalParticipants: ['武警中队'],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    meetingId = m.id;
    expect(
      m.participants.filter((p: { inside: boolean }) => !p.inside).map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['武警中队', '凉州区公安分局']));
    const sources = m.agenda.map((a: { source: string; refId: string }) => `${a.source}:${a.refId}`);
    expect(sources).toContain(`hard_matter:${hard.matter.id}`);
    // A party's name typed into the title is masked, as on the matter itself.
    const item = m.agenda.find((a: { refId: string }) => a.refId === hard.matter.id);
    expect(item.title).toContain('王**等多户村民');
    expect(item.title).not.toContain('王甲乙');
    expect(sources).toContain(`warning:${warningId}`);
    expect(m.agenda.some((a: { source: string }) => a.source === 'joint_task')).toBe(false);
  });

  it('hands each decision to a lead unit and co-units at the table, not to one that was absent', async () => {
    const add = (payload: Record<string, unknown>) =>
      leader.request({ method: 'POST', url: `/api/dispatch/meetings/${meetingId}/tasks`, payload });
    const absent = await add({
      title: '开展夜间联合巡逻',
      mechanism: 'public_security',
      leadOrgId: ids.village,
      dueDate: day(7),
    });
    expect(absent.statusCode).toBe(400);
    expect(absent.json().message).toContain('参会单位');
    const late = await add({
      title: '开展夜间联合巡逻',
      mechanism: 'public_security',
      leadOrgId: ids.police,
      dueDate: day(-2),
    });
    expect(late.json().message).toContain('不能早于今天');
    for (const p of [
      {
        title: '对土地承包纠纷开展联合调处',
        mechanism: 'dispute_mediation',
        leadOrgId: ids.police,
        coOrgIds: [ids.justice],
        dueDate: day(10),
        agendaSeq: 1,
      },
      {
        title: '集中整治占道经营突出问题',
        mechanism: 'prominent_problems',
        leadOrgId: ids.justice,
        coOrgIds: [ids.enforcement],
        dueDate: day(10),
      },
      { title: '巡回审判进村普法', mechanism: 'safe_construction', leadOrgId: ids.tribunal, dueDate: day(3) },
    ]) {
      const res = await add(p);
      expect(res.statusCode, res.body).toBe(200);
    }
    const m = (await leader.request({ method: 'GET', url: `/api/dispatch/meetings/${meetingId}` })).json();
    // Added at the same instant (the test clock stands still): their order among themselves is the
    // database's, which differs between engines; the ids are taken in the order they were added.
    const added = ['矛盾纠纷联调', '突出问题联治', '平安建设联创'];
    const tasks = m.tasks as { id: string; mechanismLabel: string }[];
    expect(tasks.map((x) => x.mechanismLabel).sort()).toEqual([...added].sort());
    taskIds.push(...added.map((label) => tasks.find((x) => x.mechanismLabel === label)!.id));
  });

  it('puts the tasks in the queues of the lead and co-units, and nowhere else', async () => {
    const queue = async (s: Session) =>
      ((await s.request({ method: 'GET', url: '/api/dispatch/tasks' })).json().items as { id: string }[]).map(
        (x) => x.id,
      );
    expect(await queue(police)).toEqual([taskIds[0]]);
    expect((await queue(justice)).sort()).toEqual([taskIds[0], taskIds[1]].sort());
    expect(await queue(tribunal)).toEqual([taskIds[2]]);
    const other = await as('village-clerk');
    expect(await queue(other)).toEqual([]);
    expect(
      (await other.request({ method: 'GET', url: `/api/dispatch/tasks/${taskIds[0]}` })).statusCode,
    ).toBe(404);
    const gw = await as('town01-gw1');
    expect((await gw.request({ method: 'GET', url: '/api/dispatch/tasks' })).statusCode).toBe(403);
  });

  it('lets a co-unit report but only the lead complete, then closes the task for every action', async () => {
    const post = (s: Session, id: string, what: string, payload: Record<string, unknown>) =>
      s.request({ method: 'POST', url: `/api/dispatch/tasks/${id}/${what}`, payload });
    const r = await post(justice, taskIds[0]!, 'progress', { note: '已约谈双方当事人，提供法律意见' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'in_progress',
      statusLabel: '推进中',
      allowedActions: ['report'],
    });
    const refused = await post(justice, taskIds[0]!, 'complete', { result: '纠纷已调处' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details.reason).toBe('NOT_YOUR_PART');
    const done = await post(police, taskIds[0]!, 'complete', { result: '双方达成调解协议，纠纷化解' });
    expect(done.json()).toMatchObject({ status: 'done', statusLabel: '已办结', allowedActions: [] });
    expect(done.json().progress).toHaveLength(2);
    const again = await post(police, taskIds[0]!, 'progress', { note: '补充说明一下情况' });
    expect(again.statusCode).toBe(409);
    await post(justice, taskIds[1]!, 'progress', { note: '已制定整治方案，联合执法队摸排' });
    const [ev] = await rows<{ n: number }>(
      sql`select count(*)::int as n from events where object_type = 'joint_task' and object_id = ${taskIds[0]!}`,
    );
    expect(ev!.n).toBe(3);
  });

  it('marks a task past its day overdue once and raises 督办 to the town center', async () => {
    await advanceDays(5);
    const first = await sweepJointTasks(t.deps);
    expect(first).toEqual({ overdue: 1, failed: [] });
    expect((await sweepJointTasks(t.deps)).overdue).toBe(0);
    const view = (await tribunal.request({ method: 'GET', url: `/api/dispatch/tasks/${taskIds[2]}` })).json();
    expect(view).toMatchObject({ overdue: true, supervised: true, status: 'assigned' });
    const [ev] = await rows<{ after: { supervisedByOrgId: string } }>(
      sql`select after from events where action = 'dispatch.task_overdue' and object_id = ${taskIds[2]!}`,
    );
    expect(ev!.after.supervisedByOrgId).toBe((await orgByDivision(t, '620602001')).id);
  });

  it('brings every task back at the next meeting with its state', async () => {
    const draft = (await leader.request({ method: 'GET', url: '/api/dispatch/agenda-draft' })).json();
    const tasks = draft.items.filter((a: { source: string }) => a.source === 'joint_task');
    const state = (id: string) => tasks.find((a: { refId: string }) => a.refId === id)?.stateLabel as string;
    expect(state(taskIds[0]!)).toContain('已办结');
    expect(state(taskIds[0]!)).toContain('双方达成调解协议');
    expect(state(taskIds[1]!)).toContain('推进中');
    expect(state(taskIds[2]!)).toContain('已逾期督办');
  });
});

describe('治未病 measures against a warning', () => {
  let measureId: string;

  it('records a measure with its unit, person, day and villages, and shows the indicator before', async () => {
    const res = await leader.request({
      method: 'POST',
      url: `/api/risk/warnings/${warningId}/measures`,
      payload: {
        action: '逐户走访土地承包户，宣讲政策并登记诉求',
        responsibleOrgId: ids.justice,
        responsiblePerson: '司法所张所长',
        villageIds: [ids.village],
        groups: '土地承包户',
        dueDate: day(5),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.measures).toHaveLength(1);
    measureId = body.measures[0].id;
    expect(body.measures[0]).toMatchObject({ status: 'open', statusLabel: '落实中', groups: '土地承包户' });
    expect(body.measures[0].villages[0].id).toBe(ids.village);
    expect(body.effect.before).toBeGreaterThanOrEqual(1);
    expect(body.effect.after).toBeNull();
  });

  it("refuses a responsible unit outside the leader's jurisdiction", async () => {
    const res = await leader.request({
      method: 'POST',
      url: `/api/risk/warnings/${warningId}/measures`,
      payload: {
        action: '请法庭巡回审判',
        responsibleOrgId: ids.tribunal,
        responsiblePerson: '某法官',
        groups: '村民',
        dueDate: day(5),
      },
    });
    expect(res.statusCode).toBe(400);
  });

  it('is completed by the responsible unit, then the indicator after is counted', async () => {
    const res = await justice.request({
      method: 'POST',
      url: `/api/risk/measures/${measureId}/complete`,
      payload: { result: '走访 46 户，登记诉求 12 条，已全部答复' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', statusLabel: '已落实' });
    const police2 = await police.request({
      method: 'POST',
      url: `/api/risk/measures/${measureId}/complete`,
      payload: { result: '再次办结一下' },
    });
    expect(police2.statusCode).toBe(404);
    const view = (
      await leader.request({ method: 'GET', url: `/api/risk/warnings/${warningId}/measures` })
    ).json();
    expect(view.effect.after).toBe(0);
    expect(view.effect.summary).toContain('措施落实后 0 件');
    const dash = (await leader.request({ method: 'GET', url: '/api/risk/measure-effects' })).json();
    expect(dash.items.find((i: { warningId: string }) => i.warningId === warningId)).toMatchObject({
      measures: 1,
      done: 1,
    });
  });

  it('marks an open measure past its day overdue on the sweep', async () => {
    await leader.request({
      method: 'POST',
      url: `/api/risk/warnings/${warningId}/measures`,
      payload: {
        action: '组织一次矛盾纠纷集中排查',
        responsibleOrgId: ids.police,
        responsiblePerson: '王警官',
        groups: '辖区商户',
        dueDate: day(1),
      },
    });
    await advanceDays(3);
    expect((await sweepMeasures(t.deps)).overdue).toBe(1);
    expect((await sweepMeasures(t.deps)).overdue).toBe(0);
    const view = (
      await leader.request({ method: 'GET', url: `/api/risk/warnings/${warningId}/measures` })
    ).json();
    expect(view.measures[1]).toMatchObject({ overdue: true, statusLabel: '逾期未落实' });
    expect(view.effect.after).toBeNull();
  });
});
