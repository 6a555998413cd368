import { describe, expect, it } from 'vitest';
import type { Actor, MatterCommand } from './commands';
import { allowedActions, registerMatter } from './lifecycle';
import type { MatterKind, OrgRef } from './model';
import { allOrgs, daysAfter, NOW, orgs, Run, resident, staff, sweep } from './test-fixtures';

function intake(kind: MatterKind, owner: OrgRef, actor: Actor, extra: { labourDispute?: boolean } = {}): Run {
  const reg = registerMatter({ code: '620602-2026-000123', kind, owner, ...extra }, { now: NOW, actor });
  if (!reg.ok) throw new Error(reg.message);
  return new Run(reg.state);
}

const started = (d: { deadlines: { start: { basis: string; orgId: string }[] } }) =>
  d.deadlines.start.map((c) => `${c.basis}@${c.orgId}`);
const stopped = (d: { deadlines: { stop: { basis: string; orgId: string }[] } }) =>
  d.deadlines.stop.map((c) => `${c.basis}@${c.orgId}`);

describe("a resident's online dispute in a village, escalated to the town", () => {
  it('runs intake → escalation → co-handling → mediation → rework → satisfied → follow-up → archive', () => {
    const run = intake('dispute', orgs.village, resident);
    expect(run.store.bases()).toEqual(['LOCAL-ACCEPT@v1']);

    const accepted = run.ok(staff(orgs.village, ['clerk']), { action: 'accept' });
    expect(accepted.notice).toBe('acceptance');
    expect(started(accepted)).toEqual(['LOCAL-VILLAGE@v1']);
    expect(stopped(accepted)).toEqual(['LOCAL-ACCEPT@v1']);

    // The village's deadline passes; the sweep escalates. The village still owns it until the town signs.
    run.advance(11);
    const up = run.ok(sweep, {
      action: 'transfer',
      transferKind: 'escalate_up',
      to: orgs.town,
      reason: '超期自动上提',
    });
    expect(up.next).toMatchObject({ status: 'transferring', owner: { id: 'v1' } });
    expect(up.ownerChange).toBeNull();
    expect(started(up)).toEqual(['LOCAL-RECEIVE@t1']);
    expect(stopped(up)).toEqual([]);

    const townClerk = staff(orgs.town, ['clerk']);
    expect(run.try(staff(orgs.town2, ['clerk']), { action: 'receive' })).toMatchObject({
      code: 'NOT_RECEIVER',
    });
    const rec = run.ok(townClerk, { action: 'receive' });
    expect(rec.ownerChange).toMatchObject({ from: { id: 'v1' }, to: { id: 't1' } });
    expect(rec.next).toMatchObject({ status: 'handling', assignedBy: null });
    expect(stopped(rec).sort()).toEqual(['LOCAL-RECEIVE@t1', 'LOCAL-VILLAGE@v1']);
    expect(started(rec)).toEqual(['LOCAL-TOWN@t1']);
    // An escalation is not a dispatch: the town cannot object to it.
    expect(run.try(townClerk, { action: 'object', reason: '不属于本镇' })).toMatchObject({
      httpStatus: 409,
      code: 'OBJECTION_NOT_APPLICABLE',
    });

    const co = run.ok(townClerk, { action: 'add_co_handler', org: orgs.justiceStation });
    expect(started(co)).toEqual(['LOCAL-CO-HANDLE@sfs']);

    const mediator = staff(orgs.town, ['mediator'], 'mediator-7');
    const med = run.ok(mediator, { action: 'start_mediation', initiative: 'application' });
    expect(started(med)).toEqual(['LOCAL-RT-1M@t1']);
    expect(run.try(staff(orgs.town, ['handler']), { action: 'answer' })).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(run.try(mediator, { action: 'agree', form: 'written' })).toMatchObject({
      code: 'MEDIATOR_REQUIRED',
    });
    run.ok(staff(orgs.town, ['leader']), {
      action: 'assign_mediator',
      mediatorId: 'mediator-7',
      chosenBy: 'parties',
      conflictOfInterest: false,
    });
    run.ok(mediator, { action: 'record_session' });
    // A written agreement closes the mediation only once effective (人民调解法 art. 29).
    expect(run.try(mediator, { action: 'agree', form: 'written' })).toMatchObject({
      code: 'AGREEMENT_REQUIRED',
    });
    expect(
      run.try(mediator, {
        action: 'agree',
        form: 'written',
        agreement: { form: 'written', effective: false },
      }),
    ).toMatchObject({ httpStatus: 409, code: 'AGREEMENT_NOT_EFFECTIVE' });
    const agreed = run.ok(mediator, {
      action: 'agree',
      form: 'written',
      agreement: { form: 'written', effective: true },
    });
    expect(agreed.event.data).toMatchObject({ terminationReason: 'agreement_reached', form: 'written' });
    expect(stopped(agreed)).toEqual(['LOCAL-RT-1M@t1']);

    const handler = staff(orgs.town, ['handler'], 'handler-t1');
    expect(run.try(handler, { action: 'answer' })).toMatchObject({
      ok: false,
      httpStatus: 409,
      code: 'CO_HANDLERS_PENDING',
      message: '还有协办单位未反馈或未解除，不能答复群众。',
    });
    expect(allowedActions(run.state, run.ctx(handler))).not.toContain('answer');
    run.ok(staff(orgs.justiceStation, ['dept_liaison']), { action: 'co_handler_report' });
    expect(allowedActions(run.state, run.ctx(handler))).toContain('answer');

    const answered = run.ok(handler, { action: 'answer' });
    expect(answered.notice).toBe('answer');
    expect(started(answered)).toEqual(['LOCAL-RATE@t1']);

    expect(run.try(resident, { action: 'rate', rating: 'unsatisfied' })).toMatchObject({
      httpStatus: 422,
      code: 'RATING_REASON_REQUIRED',
    });
    const unhappy = run.ok(resident, {
      action: 'rate',
      rating: 'unsatisfied',
      substantive: true,
      reason: '赔偿款至今未到位',
    });
    expect(unhappy.next).toMatchObject({ status: 'handling', reworkCount: 1 });
    expect(unhappy.event.data).toMatchObject({
      rework: true,
      countedAgainstOrgId: 't1',
      ratedBy: 'resident',
      channel: 'online',
    });

    run.ok(handler, { action: 'answer' });
    // Only the resident rates: the handler may not record it, other staff only with the channel.
    const handlerAsClerk = staff(orgs.town, ['clerk'], 'handler-t1');
    expect(run.try(handlerAsClerk, { action: 'rate', rating: 'satisfied', channel: 'phone' })).toMatchObject({
      httpStatus: 403,
      code: 'RATING_BY_HANDLER',
    });
    const townLeader = staff(orgs.town, ['leader'], 'leader-t1');
    expect(run.try(townLeader, { action: 'rate', rating: 'satisfied' })).toMatchObject({
      httpStatus: 422,
      code: 'RATING_CHANNEL_REQUIRED',
    });
    const onBehalf = run.ok(townLeader, { action: 'rate', rating: 'satisfied', channel: 'phone' });
    expect(onBehalf.event.data).toMatchObject({ ratedBy: 'staff_on_behalf', channel: 'phone' });
    expect(
      run.try(handler, { action: 'follow_up', matterResolved: 'yes', heartResolved: true }),
    ).toMatchObject({
      httpStatus: 403,
      code: 'FOLLOW_UP_BY_HANDLER',
    });
    // 事心双结: the visit records both the matter (事结) and the person (心结), or nothing.
    const visitor = staff(orgs.town, ['clerk'], 'clerk-t1');
    expect(
      run.try(visitor, { action: 'follow_up', reason: '电话回访' } as unknown as MatterCommand),
    ).toMatchObject({ httpStatus: 422, code: 'FOLLOW_UP_MATTER_ANSWER_REQUIRED' });
    expect(
      run.try(visitor, { action: 'follow_up', matterResolved: 'mostly' } as unknown as MatterCommand),
    ).toMatchObject({ httpStatus: 422, code: 'FOLLOW_UP_MATTER_ANSWER_REQUIRED' });
    expect(
      run.try(visitor, { action: 'follow_up', matterResolved: 'yes' } as unknown as MatterCommand),
    ).toMatchObject({
      httpStatus: 422,
      code: 'FOLLOW_UP_HEART_ANSWER_REQUIRED',
      message: expect.stringContaining('心结'),
    });
    const visit = run.ok(visitor, { action: 'follow_up', matterResolved: 'yes', heartResolved: false });
    expect(visit.next).toMatchObject({
      status: 'followed_up',
      followUp: { matterResolved: 'yes', heartResolved: false },
    });
    expect(visit.event.data).toEqual({ matterResolved: 'yes', heartResolved: false, bothResolved: false });
    const archived = run.ok(townClerk, { action: 'archive', archiveNo: 'T1-2026-0088' });
    expect(archived.next).toMatchObject({ status: 'archived', archiveNo: 'T1-2026-0088', reworkCount: 1 });
    expect(run.store.bases()).toEqual([]);

    for (const o of allOrgs) {
      expect(allowedActions(run.state, run.ctx(staff(o, ['clerk', 'leader', 'handler'])))).toEqual([]);
    }
    expect(run.try(townClerk, { action: 'rate', rating: 'satisfied' })).toMatchObject({
      httpStatus: 409,
      code: 'ARCHIVED_READ_ONLY',
    });
    expect(run.events.map((e) => e.name)).toContain('matter.transferred');
  });
});

describe('a petition through opinion, review and re-examination to finality', () => {
  it('keeps the statutory clocks and windows of 信访工作条例 art. 23, 34, 35 and 36', () => {
    const townClerk = staff(orgs.town, ['clerk']);
    const run = intake('petition', orgs.town, townClerk);
    expect(run.store.bases()).toEqual(['XF-23-notice@t1']);

    // The town passes it to its justice station (转送): the notice duty moves with it (art. 23(1)(3)).
    const sent = run.ok(townClerk, {
      action: 'transfer',
      transferKind: 'to_department',
      to: orgs.justiceStation,
      reason: '属司法所职责',
    });
    expect(sent.notice).toBe('transfer');
    expect(stopped(sent)).toEqual(['XF-23-notice@t1']);
    const station = staff(orgs.justiceStation, ['clerk']);
    const got = run.ok(station, { action: 'receive' });
    expect(started(got).sort()).toEqual(['XF-23-notice@sfs', 'XF-23-objection@sfs']);

    const acc = run.ok(station, { action: 'accept' });
    expect(started(acc)).toEqual(['XF-34@sfs']);
    expect(stopped(acc)).toEqual(['XF-23-notice@sfs']);
    expect(run.store.dueOf('XF-34')).toEqual(daysAfter(NOW, 60));

    const head = staff(orgs.justiceStation, ['leader']);
    const stationHandler = staff(orgs.justiceStation, ['handler'], 'handler-sfs');
    expect(run.try(stationHandler, { action: 'extend', days: 30, reason: '情况复杂' })).toMatchObject({
      httpStatus: 403,
    });
    expect(run.try(head, { action: 'extend', days: 31, reason: '情况复杂' })).toMatchObject({
      httpStatus: 422,
      code: 'EXTENSION_TOO_LONG',
    });
    const ext = run.ok(head, { action: 'extend', days: 30, reason: '需现场勘验' });
    expect(ext.notice).toBe('extension');
    expect(ext.deadlines.extend).toEqual({ clock: { basis: 'XF-34', orgId: 'sfs' }, days: 30 });
    expect(run.store.dueOf('XF-34')).toEqual(daysAfter(NOW, 90));
    expect(run.try(head, { action: 'extend', days: 5, reason: '再延' })).toMatchObject({
      httpStatus: 409,
      code: 'EXTENSION_USED',
    });

    expect(
      run.try(stationHandler, { action: 'serve_opinion', outcome: 'not_support', legalBasis: ' ' }),
    ).toMatchObject({ httpStatus: 422, code: 'LEGAL_BASIS_REQUIRED' });
    const op = run.ok(stationHandler, {
      action: 'serve_opinion',
      outcome: 'not_support',
      legalBasis: '《农村土地承包法》第二十八条',
    });
    expect(op.notice).toBe('opinion');
    expect(op.event.data).toMatchObject({ reportToOrgId: 't1' });
    expect(op.next.petition).toMatchObject({ stage: 'opinion', deciderPath: orgs.justiceStation.path });
    expect(started(op).sort()).toEqual(['LOCAL-RATE@sfs', 'XF-35-request@sfs']);
    expect(stopped(op).sort()).toEqual(['XF-23-objection@sfs', 'XF-34@sfs']);

    // A petition is not reworked on a rating: the remedy is review.
    const rated = run.ok(resident, {
      action: 'rate',
      rating: 'unsatisfied',
      substantive: true,
      reason: '不服',
    });
    expect(rated.next).toMatchObject({ status: 'rated', reworkCount: 0 });
    run.ok(staff(orgs.justiceStation, ['clerk'], 'clerk-sfs'), {
      action: 'follow_up',
      matterResolved: 'yes',
      heartResolved: true,
    });
    expect(run.try(townClerk, { action: 'archive', archiveNo: 'X-1' })).toMatchObject({
      httpStatus: 409,
      code: 'REVIEW_WINDOW_OPEN',
    });
    expect(
      run.try(resident, { action: 'request_review', to: orgs.town, reason: '不服' }, daysAfter(run.now, 31)),
    ).toMatchObject({ httpStatus: 409, code: 'REVIEW_WINDOW_CLOSED' });
    expect(run.try(resident, { action: 'request_review', to: orgs.village, reason: '不服' })).toMatchObject({
      httpStatus: 422,
      code: 'REVIEW_ORG_NOT_ABOVE',
    });

    run.advance(20);
    const review = run.ok(resident, { action: 'request_review', to: orgs.town, reason: '认为事实认定有误' });
    expect(review.ownerChange).toMatchObject({ to: { id: 't1' } });
    expect(started(review)).toEqual(['XF-35@t1']);
    const townHandler = staff(orgs.town, ['handler']);
    run.ok(townHandler, { action: 'serve_review', outcome: 'not_support', legalBasis: '同上' });
    expect(run.try(resident, { action: 'request_review', to: orgs.district, reason: '再查' })).toMatchObject({
      code: 'WRONG_PETITION_STAGE',
    });

    // The district's clerk registers the re-examination request (the district is above the town).
    const districtClerk = staff(orgs.district, ['clerk']);
    const reexam = run.ok(districtClerk, {
      action: 'request_reexam',
      to: orgs.district,
      reason: '不服复查意见',
    });
    expect(reexam.next).toMatchObject({ status: 'reexamining', owner: { id: 'd' } });
    const districtLeader = staff(orgs.district, ['leader']);
    const pause = run.ok(districtLeader, { action: 'pause_hearing', reason: '组织听证' });
    expect(pause.deadlines.pause).toEqual([{ basis: 'XF-36', orgId: 'd' }]);
    run.advance(12);
    expect(
      run.try(districtLeader, { action: 'serve_reexam', outcome: 'explain', legalBasis: '依据' }),
    ).toMatchObject({ code: 'HEARING_IN_PROGRESS' });
    const resume = run.ok(districtLeader, { action: 'resume_hearing' });
    expect(resume.deadlines.resume).toEqual([{ basis: 'XF-36', orgId: 'd' }]);
    const final = run.ok(districtLeader, { action: 'serve_reexam', outcome: 'explain', legalBasis: '依据' });
    expect(final.next.petition?.stage).toBe('final');
    expect(final.deadlines.start).toEqual([{ basis: 'LOCAL-RATE', orgId: 'd' }]);

    for (const action of ['request_review', 'request_reexam'] as const) {
      expect(run.try(resident, { action, to: orgs.district, reason: '仍不服' })).toMatchObject({
        httpStatus: 409,
        code: 'PETITION_FINAL',
      });
    }
    expect(allowedActions(run.state, run.ctx(resident))).toEqual(['rate']);

    // A new petition of the same person after a final one: the clerk compares the facts first; the same
    // facts are not accepted again, new facts are (art. 36(3)).
    const again = intake('petition', orgs.town, townClerk);
    const sameMatter = { code: '620602-2026-000123', final: true, similarity: 0.8 };
    expect(again.try(townClerk, { action: 'accept', sameMatter })).toMatchObject({
      httpStatus: 409,
      code: 'FACTS_CHECK_REQUIRED',
    });
    expect(
      again.try(townClerk, {
        action: 'accept',
        sameMatter,
        factsCheck: { verdict: 'same_facts', reason: '仍是同一宅基地确权' },
      }),
    ).toMatchObject({ httpStatus: 409, code: 'FINAL_NOT_REACCEPTED' });
    const accepted = again.ok(townClerk, {
      action: 'accept',
      sameMatter,
      factsCheck: { verdict: 'new_facts', reason: '反映的是占道问题' },
    });
    expect(accepted.event.data).toEqual({
      factsCheck: {
        against: '620602-2026-000123',
        similarity: 0.8,
        verdict: 'new_facts',
        reason: '反映的是占道问题',
      },
    });
  });
});

describe('a grid report through the closed loop', () => {
  it('keeps 回退 (upheld objection) and 返工 (failed check) apart', () => {
    const gridWorker = staff(orgs.village, ['grid_worker'], 'gw-1');
    const run = intake('report', orgs.village, gridWorker);
    expect(run.store.bases()).toEqual(['LOCAL-GRID-VERIFY@v1']);
    const villageClerk = staff(orgs.village, ['clerk']);
    const dispatch = (to: OrgRef) =>
      run.ok(villageClerk, { action: 'transfer', transferKind: 'to_department', to, reason: '派遣处置' });
    expect(run.try(villageClerk, { action: 'answer' })).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(
      run.try(villageClerk, {
        action: 'transfer',
        transferKind: 'to_department',
        to: orgs.hrDept,
        reason: '派遣',
      }),
    ).toMatchObject({ code: 'REPORT_NOT_FILED' });
    run.ok(gridWorker, { action: 'verify' });
    expect(run.store.bases()).toEqual(['LOCAL-GRID-DISPATCH@v1']);

    // Wrong department: it objects within its window and the village agrees (回退).
    dispatch(orgs.hrDept);
    const hr = staff(orgs.hrDept, ['dept_liaison']);
    expect(run.ok(hr, { action: 'receive' }).next).toMatchObject({
      status: 'handling',
      assignedBy: { id: 'v1' },
    });
    run.ok(hr, { action: 'object', reason: '不属于人社部门职责' });
    expect(run.store.bases()).toContain('LOCAL-OBJECTION-DECIDE@v1');
    const back = run.ok(staff(orgs.village, ['leader']), {
      action: 'decide_objection',
      upheld: true,
      reason: '同意',
    });
    expect(back.next).toMatchObject({ status: 'filed', owner: { id: 'v1' }, reworkCount: 0 });
    expect(back.event).toMatchObject({ name: 'matter.objection_decided', data: { upheld: true } });

    dispatch(orgs.justiceStation);
    const station = staff(orgs.justiceStation, ['handler'], 'handler-sfs');
    run.ok(station, { action: 'receive' });
    expect(run.try(station, { action: 'answer' })).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    run.ok(station, { action: 'submit_feedback' });
    expect(run.store.bases()).toEqual(['LOCAL-GRID-CHECK@v1']);
    expect(run.try(staff(orgs.justiceStation, ['clerk']), { action: 'check_pass' })).toMatchObject({
      code: 'NOT_CHECKER',
    });
    const fail = run.ok(villageClerk, { action: 'check_fail', reason: '路面仍有坑洼' });
    expect(fail.next).toMatchObject({ status: 'handling', reworkCount: 1 });
    expect(fail.event).toMatchObject({
      name: 'matter.check_failed',
      data: { rework: true, countedAgainstOrgId: 'sfs' },
    });

    run.ok(station, { action: 'submit_feedback' });
    const pass = run.ok(gridWorker, { action: 'check_pass' });
    expect(pass.next.status).toBe('answered');
    run.ok(villageClerk, { action: 'archive', archiveNo: 'V1-2026-0007' });
    expect(run.state.status).toBe('archived');
  });

  it('lets a grid worker solve it on the spot, checked by someone else', () => {
    const gridWorker = staff(orgs.village, ['grid_worker'], 'gw-1');
    const run = intake('report', orgs.village, gridWorker);
    run.ok(gridWorker, { action: 'verify' });
    run.ok(gridWorker, { action: 'self_handle' });
    expect(run.try(gridWorker, { action: 'check_pass' })).toMatchObject({
      httpStatus: 403,
      code: 'CHECK_BY_HANDLER',
    });
    run.ok(staff(orgs.village, ['clerk']), { action: 'check_pass' });
    expect(run.state).toMatchObject({ status: 'answered', reworkCount: 0 });
  });
});

describe('a labour dispute', () => {
  it('mediates on the 15-day clock, pauses for appraisal and extends only with all parties’ consent', () => {
    const clerk = staff(orgs.town, ['clerk']);
    const run = intake('dispute', orgs.town, clerk, { labourDispute: true });
    run.ok(clerk, { action: 'accept' });
    const mediator = staff(orgs.town, ['mediator'], 'm-1');
    run.ok(staff(orgs.town, ['handler']), { action: 'refuse_mediation', reason: '用人单位明确拒绝调解' });
    expect(run.try(mediator, { action: 'start_mediation', initiative: 'application' })).toMatchObject({
      code: 'MEDIATION_REFUSED',
    });
    const start = run.ok(mediator, {
      action: 'start_mediation',
      initiative: 'application',
      consentRenewed: true,
    });
    expect(started(start)).toEqual(['LD-14@t1']);
    expect(
      run.try(mediator, {
        action: 'assign_mediator',
        mediatorId: 'm-1',
        chosenBy: 'org',
        conflictOfInterest: true,
      }),
    ).toMatchObject({ httpStatus: 422, code: 'MEDIATOR_CONFLICT' });
    run.ok(mediator, {
      action: 'assign_mediator',
      mediatorId: 'm-1',
      chosenBy: 'org',
      conflictOfInterest: false,
    });
    const pause = run.ok(mediator, { action: 'pause_mediation', reason: '工伤等级鉴定' });
    expect(pause.deadlines.pause).toEqual([{ basis: 'LD-14', orgId: 't1' }]);
    run.ok(mediator, { action: 'resume_mediation' });
    expect(
      run.try(mediator, { action: 'extend_mediation', days: 10, allPartiesConsent: false, reason: '继续' }),
    ).toMatchObject({ httpStatus: 422, code: 'CONSENT_REQUIRED' });
    run.ok(mediator, { action: 'extend_mediation', days: 10, allPartiesConsent: true, reason: '双方同意' });
    const end = run.ok(mediator, {
      action: 'terminate_mediation',
      terminationReason: 'positions_too_far_apart',
      reason: '分歧较大',
    });
    expect(end.notice).toBe('mediation_termination');
    const court = run.ok(mediator, { action: 'refer_to_court', reason: '当事人坚持诉讼' });
    expect(court.next.status).toBe('referred_to_court');
    expect(run.store.bases()).toEqual(['LOCAL-ARCHIVE@t1']);
  });
});
