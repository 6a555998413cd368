import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreeInWriting } from '../../../test/agreement-steps';
import { buildUser, orgByDivision, orgByName } from '../../../test/factories';
import { act, actionNames, view } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { sweepDeadlines } from './sweep.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a resident’s dispute from the village to the archive', () => {
  it('runs village intake, a missed village deadline, the town, mediation, rework, rating, follow-up and archive', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const intake = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        kind: 'dispute',
        channel: 'online',
        categoryCode: 'MED-02',
        title: '邻里排水沟堵塞纠纷',
        description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
        riskGrade: 'yellow',
        place: { villageId: village.id },
        parties: [
          { role: 'applicant', name: '王甲乙', phone: '13912345678' },
          { role: 'respondent', name: '李丙丁' },
        ],
      },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    let m = intake.json().matter;
    expect(m.status).toBe('registered');
    m = await act(clerk, m.id, { action: 'accept' });
    expect(m.status).toBe('handling');
    const villageClock = m.deadlines.find((d: { basis: string }) => d.basis === 'LOCAL-VILLAGE');
    // Accepted Monday 2026-03-02 09:05: 7 calendar days counted from the next day end on Monday 03-09.
    expect(villageClock.dueAt).toBe('2026-03-09T15:59:59.999Z');

    // The village lets the period run out: the sweep warns, marks it overdue, raises 督办 and lifts it up.
    t.clock.advance(8 * 86_400_000);
    expect(await sweepDeadlines(t.deps)).toMatchObject({ overdue: 1, supervised: 1, escalated: 1 });
    expect(await sweepDeadlines(t.deps)).toEqual({
      warned: 0,
      overdue: 0,
      supervised: 0,
      escalated: 0,
      failed: [],
    });
    const town = await t.login('town01-clerk');
    m = (await town.request({ method: 'GET', url: `/api/matters/${m.id}` })).json();
    expect(m.status).toBe('transferring');
    expect(m.pendingOrg.name).toBe('东大街街道');
    expect(m.supervised).toBe(true);
    expect(actionNames(m)).toEqual(['receive']);
    m = await act(town, m.id, { action: 'receive' });
    expect(m.owner.name).toBe('东大街街道');

    // Parallel handling: the town's judicial office co-handles; mediation starts with the parties' application.
    const sifa = await orgByName(t, '东大街街道司法所');
    m = await act(town, m.id, { action: 'add_co_handler', orgId: sifa.id });
    m = await act(town, m.id, { action: 'start_mediation', initiative: 'application' });
    expect(m.status).toBe('mediating');
    const mediator = await buildUser(t, await orgByName(t, '东大街街道人民调解委员会'), ['mediator']);
    m = await act(town, m.id, {
      action: 'assign_mediator',
      mediatorId: mediator.id,
      chosenBy: 'org',
      conflictOfInterest: false,
    });
    const mediatorSession = await t.login(mediator.username);
    await agreeInWriting(t, mediatorSession, m.id);
    m = await view(town, m.id);
    expect(m.status).toBe('handling');
    const sifaUser = await buildUser(t, sifa, ['handler']);
    const sifaSession = await t.login(sifaUser.username);
    expect(actionNames(m)).not.toContain('answer');
    await act(sifaSession, m.id, { action: 'co_handler_report' });
    m = await view(town, m.id);
    expect(m.coHandlers).toEqual([expect.objectContaining({ status: 'reported' })]);

    // Answer, an unsatisfied rating for a substantive reason, rework, a satisfied rating.
    m = await act(town, m.id, { action: 'answer', reason: '经调解双方达成书面协议，排水沟已疏通。' });
    expect(m.status).toBe('answered');
    // Only the resident rates: the leader writes down what the resident said on the phone.
    const leader = await t.login('town01-leader');
    m = await act(leader, m.id, {
      action: 'rate',
      channel: 'phone',
      rating: 'unsatisfied',
      substantive: true,
      reason: '排水沟仍有积水，未彻底解决',
    });
    expect(m.status).toBe('handling');
    expect(m.reworkCount).toBe(1);
    m = await act(town, m.id, { action: 'answer', reason: '已重新清淤并加装挡板。' });
    m = await act(leader, m.id, { action: 'rate', rating: 'satisfied', channel: 'visit' });
    expect(m.status).toBe('rated');

    // The follow-up visit is made by someone other than the handler, then the archive.
    expect(actionNames(await view(town, m.id))).not.toContain('follow_up');
    m = await act(leader, m.id, {
      action: 'follow_up',
      matterResolved: 'yes',
      heartResolved: true,
      reason: '电话回访，群众表示满意。',
    });
    expect(m.status).toBe('followed_up');
    m = await act(leader, m.id, { action: 'archive', archiveNo: '东大街-2026-调-001' });
    expect(m.status).toBe('archived');
    expect(m.archiveNo).toBe('东大街-2026-调-001');
    expect(m.allowedActions).toEqual([]);
    const labels = m.timeline.map((e: { label: string }) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['登记', '受理', '签收', '答复群众', '归档']));
    const refused = await leader.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'answer' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details.reason).toBe('ARCHIVED_READ_ONLY');
  });
});
