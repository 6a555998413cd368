import { describe, expect, it } from 'vitest';
import type { Actor, MatterCommand } from './commands';
import {
  type DecisionPlan,
  noticeOfPlan,
  type PlannedMatter,
  planDecision,
  type WrittenClock,
} from './decision-plan';
import { type Decision, decide } from './lifecycle';
import type { MatterState } from './model';
import { ctxOf, daysAfter, NOW, orgs, resident, staff, stateIn } from './test-fixtures';

const row = (s: MatterState, over: Partial<PlannedMatter> = {}): PlannedMatter => ({
  id: 'm1',
  code: s.code,
  title: '邻里占道纠纷',
  status: s.status,
  ownerOrgId: s.owner.id,
  rating: null,
  ratedBy: null,
  closedAt: null,
  receivedAt: null,
  createdAt: daysAfter(NOW, -1),
  ...over,
});

function decided(s: MatterState, cmd: MatterCommand, actor: Actor): Decision {
  const d = decide(
    s,
    cmd,
    ctxOf(actor, [{ basis: 'LOCAL-ACCEPT', orgId: s.owner.id, dueAt: daysAfter(NOW, 3) }]),
  );
  if (!d.ok) throw new Error(`refused: ${d.code}`);
  return d;
}

function plan(s: MatterState, cmd: MatterCommand, actor: Actor, over: Partial<PlannedMatter> = {}) {
  const by = actor.type;
  return planDecision(row(s, over), cmd, decided(s, cmd, actor), by, NOW);
}

const clock = (basis: string, dueAt: Date | null, over: Partial<WrittenClock> = {}): WrittenClock => ({
  basis,
  dueAt,
  explanation: '',
  provisionalYears: [],
  citation: '本地规定',
  label: basis,
  ...over,
});

describe('planDecision: what one decision writes, without a database (issue 19)', () => {
  it('accepting a dispute starts the village handling clock, stops intake, and serves the acceptance notice', () => {
    const s = stateIn('dispute', 'registered');
    const p = plan(s, { action: 'accept' }, staff(s.owner, ['clerk']));
    expect(p.matter.status).toBe('handling');
    expect(p.clocks.start.map((c) => c.basis)).toEqual(['LOCAL-VILLAGE']);
    expect(p.clocks.stop.map((c) => c.basis)).toEqual(['LOCAL-ACCEPT']);
    expect(p.notice).toBe('acceptance');
    expect(p.read).toEqual({ owner: null, pending: null });
    expect(p.answerSupervision).toBeNull();
    expect(p.event).toMatchObject({
      action: 'matter.accepted',
      before: { status: 'registered', ownerOrgId: orgs.village.id },
      after: { status: 'handling', ownerOrgId: orgs.village.id, action: 'accept' },
    });
  });

  it('an escalation names the receiver to read and keeps the owner until the town signs', () => {
    const s = stateIn('dispute', 'handling');
    const p = plan(
      s,
      { action: 'transfer', transferKind: 'escalate_up', to: orgs.town, reason: '涉及多村' },
      staff(s.owner, ['clerk']),
    );
    expect(p.matter.status).toBe('transferring');
    expect(p.matter.pendingOrgId).toBe(orgs.town.id);
    expect(p.read).toEqual({ owner: null, pending: orgs.town.id });
  });

  it('a rating is the resident’s own, or counted apart when staff record it; other steps keep it', () => {
    const s = stateIn('dispute', 'answered');
    const cmd: MatterCommand = { action: 'rate', rating: 'satisfied' };
    expect(plan(s, cmd, resident).matter).toMatchObject({ rating: 'satisfied', ratedBy: 'resident' });
    const byPhone = { ...cmd, channel: 'phone' } as MatterCommand;
    expect(plan(s, byPhone, staff(s.owner, ['clerk'])).matter.ratedBy).toBe('staff_on_behalf');
    const rated = stateIn('dispute', 'rated');
    const kept = plan(
      rated,
      { action: 'follow_up', matterResolved: 'yes', heartResolved: true },
      staff(rated.owner, ['clerk']),
      {
        rating: 'unsatisfied',
        ratedBy: 'resident',
      },
    );
    expect(kept.matter).toMatchObject({ rating: 'unsatisfied', ratedBy: 'resident', closedAt: null });
  });

  it('answering answers open 督办; archiving closes the matter at now', () => {
    const h = stateIn('dispute', 'handling');
    expect(plan(h, { action: 'answer' }, staff(h.owner, ['handler'])).answerSupervision).toBe('事项已答复');
    const f = stateIn('dispute', 'followed_up');
    const archived = plan(f, { action: 'archive', archiveNo: 'ZZ-2026-0042' }, staff(f.owner, ['clerk']));
    expect(archived.answerSupervision).toBe('事项已归档');
    expect(archived.matter).toMatchObject({ status: 'archived', closedAt: NOW, archiveNo: 'ZZ-2026-0042' });
  });
});

describe('noticeOfPlan: the notice states the handling due date of every handling clock', () => {
  const s = { ...stateIn('dispute', 'registered'), urgent: true };
  const p = plan(s, { action: 'accept' }, staff(s.owner, ['clerk'])) as DecisionPlan & {
    notice: 'acceptance';
  };
  const owner = { ownerName: '某村综治中心', receiver: null };

  it('LOCAL-SAME-DAY (urgent) gives the acceptance notice its due date (the list once drifted without it)', () => {
    const due = new Date('2026-03-02T15:59:59.999Z');
    const n = noticeOfPlan(p, row(s), [clock('LOCAL-SAME-DAY', due, { citation: '事不过夜' })], owner, NOW);
    expect(n.handlingDue).toEqual(due);
    expect(n.handlingRule).toEqual({ citation: '事不过夜', label: 'LOCAL-SAME-DAY' });
    expect(n).toMatchObject({ kind: 'acceptance', orgName: '某村综治中心', matterCode: s.code });
  });

  it('a window or a clock without a date is not the handling due date; a provisional date carries its note', () => {
    const n = noticeOfPlan(
      p,
      row(s),
      [clock('LOCAL-CHECK', daysAfter(NOW, 2)), clock('LOCAL-VILLAGE', null)],
      owner,
      NOW,
    );
    expect(n.handlingDue).toBeNull();
    const window = clock('XF-35-request', daysAfter(NOW, 30), {
      explanation: '三十日（暂定：2027 年安排未发布）',
      provisionalYears: [2027],
    });
    const w = noticeOfPlan(p, row(s), [window], owner, NOW);
    expect(w.windowDue).toEqual(daysAfter(NOW, 30));
    expect(w.windowDueNote).toBe('2027 年安排未发布');
  });
});
