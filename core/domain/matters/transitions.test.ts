import { describe, expect, it } from 'vitest';
import { can, rolesWith } from '../permissions';
import type { Actor, KnownDeadline, MatterAction, MatterCommand } from './commands';
import { matterActions } from './commands';
import { allowedActions, decide } from './lifecycle';
import {
  closedStatuses,
  type MatterKind,
  type MatterState,
  type MatterStatus,
  matterKinds,
  matterStatuses,
  terminalStatuses,
} from './model';
import { ctxOf, daysAfter, NOW, orgs, resident, staff, stateIn, sweep } from './test-fixtures';
import { appliesTo, transitionTable } from './transitions';

interface Fixture {
  actor: (s: MatterState) => Actor;
  cmd: (s: MatterState) => MatterCommand;
  prepare?: (s: MatterState) => MatterState;
  deadlines?: (s: MatterState) => KnownDeadline[];
  /** Statuses and kinds the row lists but a state guard refuses (tested on their own below). */
  guarded?: (kind: MatterKind, status: MatterStatus) => boolean;
}

const clerk = (s: MatterState) => staff(s.owner, ['clerk']);
const handler = (s: MatterState) => staff(s.owner, ['handler']);
const leader = (s: MatterState) => staff(s.owner, ['leader']);
const mediator = (s: MatterState) => staff(s.owner, ['mediator']);
const open = (basis: string) => (s: MatterState) => [{ basis, orgId: s.owner.id, dueAt: daysAfter(NOW, 3) }];
const opinion = { outcome: 'support', legalBasis: '《土地管理法》第十二条' } as const;
const coHandling = (s: MatterState): MatterState => ({
  ...s,
  coHandlers: [{ org: orgs.justiceStation, status: 'working' }],
});
const received = (s: MatterState): MatterState => ({
  ...s,
  assignedBy: orgs.town,
  transfer: {
    kind: 'dispatch_down',
    from: orgs.town,
    to: orgs.village,
    resume: 'handling',
    received: true,
    receivedAs: s.status === 'registered' ? 'registered' : 'handling',
    objected: false,
    senderAssignedBy: null,
  },
});
const withPetition =
  (stage: 'opinion' | 'review', owner = orgs.village) =>
  (s: MatterState): MatterState => ({
    ...s,
    owner,
    petition: { stage, outcome: 'explain', deciderPath: owner.path, hearingPaused: false },
  });

const fixtures: Record<MatterAction, Fixture> = {
  accept: { actor: clerk, cmd: () => ({ action: 'accept' }) },
  refuse: {
    actor: clerk,
    cmd: () => ({ action: 'refuse', reason: '不属于本单位受理范围，已告知向有权机关提出' }),
  },
  channel: {
    actor: clerk,
    cmd: () => ({ action: 'channel', route: 'arbitration', reason: '劳动争议应仲裁' }),
  },
  merge: {
    actor: clerk,
    cmd: () => ({ action: 'merge', intoCode: '620602-2026-000999', reason: '同一纠纷' }),
  },
  convert: { actor: clerk, cmd: () => ({ action: 'convert', toKind: 'dispute' }) },
  verify: { actor: (s) => staff(s.owner, ['grid_worker']), cmd: () => ({ action: 'verify' }) },
  void: { actor: clerk, cmd: () => ({ action: 'void', reason: '重复上报' }) },
  transfer: {
    actor: clerk,
    cmd: () => ({ action: 'transfer', transferKind: 'escalate_up', to: orgs.town, reason: '涉及多村' }),
    guarded: (kind, status) => kind === 'report' && status === 'registered',
  },
  recall: { actor: clerk, cmd: () => ({ action: 'recall', reason: '发错单位' }) },
  receive: { actor: () => staff(orgs.town, ['clerk']), cmd: () => ({ action: 'receive' }) },
  object: {
    actor: clerk,
    cmd: () => ({ action: 'object', reason: '属于镇司法所职责' }),
    prepare: received,
    deadlines: (s) => open(s.kind === 'petition' ? 'XF-23-objection' : 'LOCAL-OBJECTION')(s),
  },
  decide_objection: {
    actor: () => staff(orgs.town, ['leader']),
    cmd: () => ({ action: 'decide_objection', upheld: true, reason: '核实属实' }),
  },
  add_co_handler: { actor: clerk, cmd: () => ({ action: 'add_co_handler', org: orgs.justiceStation }) },
  co_handler_report: {
    actor: () => staff(orgs.justiceStation, ['dept_liaison']),
    cmd: () => ({ action: 'co_handler_report' }),
    prepare: coHandling,
  },
  release_co_handler: {
    actor: clerk,
    cmd: () => ({ action: 'release_co_handler', orgId: orgs.justiceStation.id, reason: '已无协办必要' }),
    prepare: coHandling,
  },
  extend: { actor: leader, cmd: () => ({ action: 'extend', days: 30, reason: '需调取多年档案' }) },
  serve_opinion: { actor: handler, cmd: () => ({ action: 'serve_opinion', ...opinion }) },
  request_review: {
    actor: () => resident,
    cmd: () => ({ action: 'request_review', to: orgs.town, reason: '不服处理意见' }),
    prepare: withPetition('opinion'),
    deadlines: open('XF-35-request'),
  },
  serve_review: { actor: handler, cmd: () => ({ action: 'serve_review', ...opinion }) },
  request_reexam: {
    actor: () => resident,
    cmd: () => ({ action: 'request_reexam', to: orgs.district, reason: '不服复查意见' }),
    prepare: withPetition('review', orgs.town),
    deadlines: open('XF-36-request'),
  },
  pause_hearing: { actor: leader, cmd: () => ({ action: 'pause_hearing', reason: '举行听证' }) },
  resume_hearing: {
    actor: leader,
    cmd: () => ({ action: 'resume_hearing' }),
    prepare: (s) => ({ ...s, petition: s.petition && { ...s.petition, hearingPaused: true } }),
  },
  serve_reexam: { actor: handler, cmd: () => ({ action: 'serve_reexam', ...opinion }) },
  record_external_answer: {
    actor: clerk,
    cmd: () => ({ action: 'record_external_answer', ...opinion }),
    prepare: (s) => ({
      ...s,
      petition: s.petition && {
        ...s.petition,
        external: { name: '武威市', for: 'reexam', sentAt: NOW.toISOString() },
      },
    }),
  },
  withdraw: {
    actor: clerk,
    cmd: () => ({
      action: 'withdraw',
      channel: 'walk_in',
      evidence: '信访人签字的撤回申请',
      reason: '问题已与邻居协商解决',
    }),
  },
  start_mediation: {
    actor: mediator,
    // 访调: a petition needs the petitioner's consent (channel, day); a dispute ignores it.
    cmd: () => ({
      action: 'start_mediation',
      initiative: 'application',
      consent: { channel: 'walk_in', on: '2024-01-02' },
    }),
  },
  refuse_mediation: {
    actor: mediator,
    cmd: () => ({ action: 'refuse_mediation', reason: '被申请人明确拒绝调解' }),
  },
  assign_mediator: {
    actor: leader,
    cmd: () => ({
      action: 'assign_mediator',
      mediatorId: 'med-2',
      chosenBy: 'parties',
      conflictOfInterest: false,
    }),
  },
  record_session: { actor: mediator, cmd: () => ({ action: 'record_session' }) },
  pause_mediation: { actor: mediator, cmd: () => ({ action: 'pause_mediation', reason: '委托伤情鉴定' }) },
  resume_mediation: {
    actor: mediator,
    cmd: () => ({ action: 'resume_mediation' }),
    prepare: (s) => ({ ...s, mediation: s.mediation && { ...s.mediation, pausedSince: NOW.toISOString() } }),
  },
  extend_mediation: {
    actor: mediator,
    cmd: () => ({
      action: 'extend_mediation',
      days: 10,
      allPartiesConsent: true,
      reason: '双方同意继续调解',
    }),
  },
  agree: {
    actor: mediator,
    cmd: () => ({ action: 'agree', form: 'written', agreement: { form: 'written', effective: true } }),
  },
  terminate_mediation: {
    actor: mediator,
    cmd: () => ({
      action: 'terminate_mediation',
      terminationReason: 'positions_too_far_apart',
      reason: '分歧大',
    }),
  },
  refer_to_court: {
    actor: handler,
    cmd: () => ({ action: 'refer_to_court', reason: '调解不成，当事人坚持起诉' }),
  },
  self_handle: { actor: (s) => staff(s.owner, ['grid_worker']), cmd: () => ({ action: 'self_handle' }) },
  submit_feedback: {
    actor: handler,
    cmd: () => ({ action: 'submit_feedback' }),
    prepare: (s) => (s.kind === 'report' ? s : { ...s, assignedBy: orgs.town }),
  },
  check_pass: {
    actor: (s) => staff(s.assignedBy ?? s.owner, ['clerk']),
    cmd: () => ({ action: 'check_pass' }),
  },
  check_fail: {
    actor: (s) => staff(s.assignedBy ?? s.owner, ['clerk']),
    cmd: () => ({ action: 'check_fail', reason: '现场未整改到位' }),
  },
  answer: {
    actor: handler,
    cmd: () => ({ action: 'answer' }),
    guarded: (kind, status) => status === 'registered' && kind !== 'consultation',
  },
  rate: { actor: () => resident, cmd: () => ({ action: 'rate', rating: 'satisfied' }) },
  follow_up: {
    actor: clerk,
    cmd: () => ({ action: 'follow_up', matterResolved: 'yes', heartResolved: true }),
  },
  archive: {
    actor: clerk,
    cmd: () => ({ action: 'archive', archiveNo: 'ZZ-2026-0042' }),
    guarded: (kind, status) => status === 'answered' && kind !== 'consultation' && kind !== 'report',
  },
};

function attempt(action: MatterAction, kind: MatterKind, status: MatterStatus, actorOverride?: Actor) {
  const f = fixtures[action];
  const prepared = f.prepare ? f.prepare(stateIn(kind, status)) : stateIn(kind, status);
  const ctx = ctxOf(actorOverride ?? f.actor(prepared), f.deadlines?.(prepared) ?? []);
  return { state: prepared, ctx, result: decide(prepared, f.cmd(prepared), ctx) };
}

const pairs = matterKinds.flatMap((k) => matterStatuses.map((st) => [k, st] as const));

describe('the transition table', () => {
  it('has one well-formed row per action', () => {
    for (const a of matterActions) {
      const row = transitionTable[a];
      expect(row.action).toBe(a);
      expect(row.label.length).toBeGreaterThan(0);
      expect(row.eventName).toMatch(/^matter\.[a-z_]+$/);
      expect(row.from.length).toBeGreaterThan(0);
      expect(row.to.length).toBeGreaterThan(0);
      expect(row.cites.length).toBeGreaterThan(0);
      expect(rolesWith(row.permission).length).toBeGreaterThan(0);
      expect(row.from).not.toContain('archived');
      expect(row.from).not.toContain('merged');
    }
  });

  describe.each(matterActions)('%s', (action) => {
    const row = transitionTable[action];
    const f = fixtures[action];
    const listed = pairs.filter(([k, st]) => appliesTo(row, k, st) && !f.guarded?.(k, st));
    const unlisted = pairs.filter(([k, st]) => !appliesTo(row, k, st));

    it('is allowed from every listed status and lands in a listed target', () => {
      expect(listed.length).toBeGreaterThan(0);
      for (const [k, st] of listed) {
        const { state, ctx, result } = attempt(action, k, st);
        expect(result, `${k}/${st}`).toMatchObject({ ok: true });
        if (!result.ok) continue;
        expect(row.to).toContain(result.next.status);
        expect(result.event).toMatchObject({ name: row.eventName, from: st, to: result.next.status });
        expect(allowedActions(state, ctx)).toContain(action);
      }
    });

    it('is refused with 409 from every other status and kind', () => {
      for (const [k, st] of unlisted) {
        const { state, ctx, result } = attempt(action, k, st);
        expect(result, `${k}/${st}`).toMatchObject({ ok: false, httpStatus: 409 });
        expect(allowedActions(state, ctx)).not.toContain(action);
      }
    });

    it('is refused with 403 to a role that may not do it', () => {
      const [k, st] = listed[0] ?? ['dispute', 'registered'];
      const good = f.actor(f.prepare ? f.prepare(stateIn(k, st)) : stateIn(k, st));
      const at = good.type === 'staff' ? good.org : orgs.village;
      expect(attempt(action, k, st, staff(at, ['audit_admin'])).result).toMatchObject({
        httpStatus: 403,
        code: 'FORBIDDEN',
      });
      if (!can(['resident'], row.permission)) {
        expect(attempt(action, k, st, resident).result).toMatchObject({ httpStatus: 403 });
      }
      if (!row.system) expect(attempt(action, k, st, sweep).result).toMatchObject({ httpStatus: 403 });
    });

    it(row.needsReason ? 'requires a written reason (422)' : 'needs no reason', () => {
      const [k, st] = listed[0] ?? ['dispute', 'registered'];
      const prepared = f.prepare ? f.prepare(stateIn(k, st)) : stateIn(k, st);
      const { reason: _omit, ...bare } = f.cmd(prepared);
      const ctx = ctxOf(f.actor(prepared), f.deadlines?.(prepared) ?? []);
      const result = decide(prepared, { ...bare, reason: '   ' } as MatterCommand, ctx);
      if (row.needsReason)
        expect(result).toMatchObject({ ok: false, httpStatus: 422, code: 'REASON_REQUIRED' });
      else if (action !== 'rate') expect(result.ok).toBe(true);
    });
  });
});

describe('closed outcomes', () => {
  it('allow nothing but archiving, and merged or archived matters nothing at all', () => {
    for (const status of closedStatuses) {
      const open = matterActions.filter((a) => transitionTable[a].from.includes(status));
      expect(open, status).toEqual(['archive']);
    }
    for (const status of terminalStatuses) {
      expect(matterActions.filter((a) => transitionTable[a].from.includes(status))).toEqual([]);
    }
  });
});
