import { describe, expect, it } from 'vitest';
import type { MatterCommand } from './commands';
import { type MatterKind, matterKinds, matterStatuses } from './model';
import { expectedStep, nextStepFor, nextStepTable } from './next-steps';
import { buildMatter, ctxOf, orgs, Run, staff, stateIn } from './test-fixtures';
import { appliesTo, transitionTable } from './transitions';

/**
 * The recommended next step pinned like the transition table: `status kind: action [when …]`, one
 * candidate per line in order. A change to what a clerk is steered to do shows up here in review.
 */
const expected = `
registered report: verify
registered consultation: answer
registered other: accept
filed report: self_handle
filed report: transfer
transferring other: receive (等待接收单位签收)
objected other: decide_objection (等待交办单位决定是否采纳异议)
handling petition: serve_opinion
handling dispute: start_mediation [if]
handling dispute: refer_to_court [if]
handling dispute: submit_feedback [if]
handling dispute: answer [if]
handling report: submit_feedback
handling other: submit_feedback [if]
handling other: answer [if]
mediating dispute: resume_mediation [if]
mediating dispute: assign_mediator [if]
mediating dispute: record_session [if]
mediating dispute: agree (等待调解员记录调解结果)
mediating petition: resume_mediation [if]
mediating petition: assign_mediator [if]
mediating petition: record_session [if]
mediating petition: agree (等待调解员记录调解结果)
checking dispute: check_pass (等待交办单位核查办理结果)
checking consultation: check_pass (等待交办单位核查办理结果)
checking request: check_pass (等待交办单位核查办理结果)
checking report: check_pass (等待交办单位核查办理结果)
answered consultation: archive
answered report: archive
answered other: rate (等待群众评价)
rated other: follow_up (回访须由承办人以外的人员进行)
followed_up other: archive
reviewing petition: serve_review (等待复查机关出具复查意见)
reexamining petition: resume_hearing [if]
reexamining petition: serve_reexam (等待复核机关出具复核意见)
referred_to_court other: archive
not_accepted other: archive
channelled other: archive
mediated other: archive
withdrawn other: archive
voided other: archive
`.trim();

function compact(): string {
  return matterStatuses
    .flatMap((status) =>
      Object.entries(nextStepTable[status]).flatMap(([kind, steps]) =>
        (steps ?? []).map(
          (c) =>
            `${status} ${kind}: ${c.action}${c.if ? ' [if]' : ''}${c.waitingFor ? ` (${c.waitingFor})` : ''}`,
        ),
      ),
    )
    .join('\n');
}

const clerk = staff(orgs.village, ['clerk']);
const handler = staff(orgs.village, ['handler']);

describe('the recommended next step, pinned', () => {
  it('matches the reviewed table', () => {
    expect(compact()).toBe(expected);
  });

  it('recommends only actions the transition table lists for that kind and status', () => {
    for (const status of matterStatuses) {
      const cell = nextStepTable[status];
      for (const kind of matterKinds) {
        for (const c of cell[kind] ?? cell.other ?? []) {
          expect(appliesTo(transitionTable[c.action], kind, status), `${status} ${kind} ${c.action}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('expects a step of every matter some row can move on from, and none of a merged or archived one', () => {
    // Statuses a kind reaches only through add_co_handler's "handling|mediating" are not its own.
    const own = (kind: MatterKind, status: string) =>
      status !== 'mediating' || kind === 'dispute' || kind === 'petition';
    for (const kind of matterKinds)
      for (const status of matterStatuses) {
        const movesOn = Object.values(transitionTable).some(
          (r) => r.action !== 'merge' && r.action !== 'transfer' && appliesTo(r, kind, status),
        );
        if (!movesOn || !own(kind, status) || status === 'merged' || status === 'archived') continue;
        expect(expectedStep(stateIn(kind, status)), `${kind} ${status}`).not.toBeNull();
      }
    expect(expectedStep(stateIn('dispute', 'archived'))).toBeNull();
    expect(expectedStep(stateIn('dispute', 'merged'))).toBeNull();
  });
});

describe('the next step for the viewer', () => {
  it('after 受理 a neighbour dispute goes to mediation, not to 导入法定程序', () => {
    const s = stateIn('dispute', 'handling');
    expect(nextStepFor(s, ctxOf(clerk))).toEqual({ kind: 'do', action: 'start_mediation' });
  });

  it('after an agreement the dispute is answered, after a failed mediation it goes to court', () => {
    const run = new Run(buildMatter({ kind: 'dispute', status: 'handling' }));
    run.ok(clerk, { action: 'start_mediation', initiative: 'application' });
    run.ok(clerk, {
      action: 'assign_mediator',
      mediatorId: 'm1',
      chosenBy: 'org',
      conflictOfInterest: false,
      onRoster: true,
    });
    run.ok(handler, { action: 'agree', form: 'written', agreement: { form: 'written', effective: true } });
    expect(nextStepFor(run.state, run.ctx(clerk))).toEqual({ kind: 'do', action: 'answer' });
    const failed = { ...run.state, mediationEnded: 'terminated' as const };
    expect(nextStepFor(failed, run.ctx(clerk))).toEqual({ kind: 'do', action: 'refer_to_court' });
  });

  it('says a working co-handler is why the answer must wait', () => {
    const s = buildMatter({
      kind: 'consultation',
      status: 'handling',
      coHandlers: [{ org: orgs.justiceStation, status: 'working' }],
    });
    const step = nextStepFor(s, ctxOf(clerk));
    expect(step.kind).toBe('blocked');
    expect(step.kind === 'blocked' && step.reason).toMatch(/^协办单位尚未反馈/);
  });

  it('tells the sender of a transfer who is to sign for it, and lets the receiver sign', () => {
    const s = stateIn('dispute', 'transferring');
    expect(nextStepFor(s, ctxOf(clerk))).toMatchObject({ kind: 'blocked', reason: '等待接收单位签收' });
    expect(nextStepFor(s, ctxOf(staff(orgs.town, ['clerk'])))).toEqual({ kind: 'do', action: 'receive' });
  });

  it('says nothing to a role the step is simply not for', () => {
    const s = stateIn('dispute', 'followed_up');
    expect(nextStepFor(s, ctxOf(staff(orgs.village, ['mediator'])))).toEqual({ kind: 'none' });
  });

  it('followed step by step, takes a neighbour dispute from intake to the archive', () => {
    const run = new Run(buildMatter({ kind: 'dispute' }));
    const mediator = staff(orgs.village, ['mediator'], 'm1');
    const inputs: Partial<Record<string, MatterCommand>> = {
      start_mediation: { action: 'start_mediation', initiative: 'application' },
      assign_mediator: {
        action: 'assign_mediator',
        mediatorId: 'm1',
        chosenBy: 'org',
        conflictOfInterest: false,
        onRoster: true,
      },
      record_session: { action: 'record_session', reason: '双方陈述，查明界墙位置。' },
      agree: { action: 'agree', form: 'written', agreement: { form: 'written', effective: true } },
      // Staff record the resident's rating on his behalf, with the channel he gave it through.
      rate: { action: 'rate', rating: 'satisfied', channel: 'phone' },
      follow_up: { action: 'follow_up', matterResolved: 'yes', heartResolved: true },
      archive: { action: 'archive', archiveNo: 'ZZ-2026-0009' },
    };
    const taken: string[] = [];
    // The clerk acts, except where the table names another (the mediator records and agrees; the
    // follow-up visit is by someone other than the handler).
    const who = [clerk, mediator, staff(orgs.village, ['leader'])];
    for (let i = 0; i < 12 && run.state.status !== 'archived'; i++) {
      const actor = who.find((a) => nextStepFor(run.state, run.ctx(a)).kind === 'do');
      expect(actor, `someone can take the step in ${run.state.status}`).toBeDefined();
      const step = nextStepFor(run.state, run.ctx(actor!));
      if (step.kind !== 'do') throw new Error('unreachable');
      taken.push(step.action);
      run.ok(actor!, inputs[step.action] ?? ({ action: step.action } as MatterCommand));
    }
    expect(taken).toEqual([
      'accept',
      'start_mediation',
      'assign_mediator',
      'record_session',
      'agree',
      'answer',
      'rate',
      'follow_up',
      'archive',
    ]);
  });
});
