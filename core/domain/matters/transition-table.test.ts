import { describe, expect, it } from 'vitest';
import { actions, rolesWith } from '../permissions';
import { matterActions } from './commands';
import { transitionTable } from './transitions';

/**
 * The table pinned in a compact, reviewable form: `action: [kinds] from → to; roles; actor rule`, plus
 * `reason` and the notice served. A change to who may do what, from where, shows up here in review.
 * The roles are those permissions.ts grants the row's permission (compared as a set: the table's
 * order is the grant table's).
 */
const expected = `
accept: [petition|dispute|consultation|request] registered → handling; clerk,handler,leader,dept_liaison; owner; notice acceptance
refuse: [petition|dispute|consultation|request] registered → not_accepted; clerk,leader; owner; reason; notice refusal
channel: [petition|dispute|request] registered|handling → channelled; clerk,handler,leader,dept_liaison; owner; reason; notice channel
merge: [all] registered|filed|handling → merged; clerk,handler,leader; owner; reason
convert: [report] registered|filed → registered; clerk,leader; owner
verify: [report] registered → filed; clerk,grid_worker,leader; owner
void: [report] registered|filed → voided; clerk,leader; owner; reason
transfer: [all] registered|filed|handling → transferring; clerk,handler,leader,dept_liaison,system; owner; reason; notice transfer
recall: [all] transferring → registered|filed|handling; clerk,handler,leader; owner; reason
receive: [all] transferring → registered|filed|handling; clerk,handler,leader,dept_liaison,mediator; receiver
object: [all] registered|handling → objected; clerk,handler,leader,dept_liaison; owner; reason
decide_objection: [all] objected → registered|filed|handling; clerk,leader; sender_level; reason
add_co_handler: [all] handling|mediating → handling|mediating; clerk,handler,leader; owner
co_handler_report: [all] handling|mediating → handling|mediating; clerk,handler,leader,dept_liaison,mediator; co_handler
release_co_handler: [all] handling|mediating → handling|mediating; clerk,handler,leader; owner; reason
extend: [all] handling|mediating → handling|mediating; leader; owner; reason; notice extension
serve_opinion: [petition] handling → answered; handler,leader,clerk; owner; notice opinion
request_review: [petition] answered|rated|followed_up → reviewing; resident,clerk,leader; applicant_or_upper; reason
serve_review: [petition] reviewing → answered; handler,leader,clerk; owner; notice review_opinion
request_reexam: [petition] answered|rated|followed_up → reexamining; resident,clerk,leader; applicant_or_upper; reason
pause_hearing: [petition] reexamining → reexamining; leader,handler; owner; reason
resume_hearing: [petition] reexamining → reexamining; leader,handler; owner
serve_reexam: [petition] reexamining → answered; handler,leader,clerk; owner; notice reexam_opinion
record_external_answer: [petition] reviewing|reexamining → answered; clerk,leader; owner
withdraw: [petition] registered|handling|mediating → withdrawn; resident,clerk,leader; petitioner_or_witness; reason; notice withdrawal
start_mediation: [dispute|petition] handling → mediating; mediator,handler,leader,clerk; owner
refuse_mediation: [dispute|petition] handling → handling; mediator,handler,leader,clerk; owner; reason; notice mediation_termination
assign_mediator: [dispute|petition] mediating → mediating; leader,clerk,handler,mediator; owner
record_session: [dispute|petition] mediating → mediating; mediator,handler; mediator_or_owner
pause_mediation: [dispute|petition] mediating → mediating; mediator,handler,leader; mediator_or_owner; reason
resume_mediation: [dispute|petition] mediating → mediating; mediator,handler,leader; mediator_or_owner
extend_mediation: [dispute|petition] mediating → mediating; mediator,handler,leader; mediator_or_owner; reason
agree: [dispute|petition] mediating → handling|mediated; mediator,handler; mediator_or_owner
terminate_mediation: [dispute|petition] mediating → handling; mediator,handler,leader; mediator_or_owner; reason; notice mediation_termination
refer_to_court: [dispute] handling → referred_to_court; mediator,handler,leader,clerk; owner; reason; notice court_referral
self_handle: [report] filed → checking; grid_worker,handler,clerk; owner
submit_feedback: [dispute|consultation|request|report] handling → checking; handler,clerk,leader,mediator,dept_liaison,grid_worker; owner
check_pass: [dispute|consultation|request|report] checking → answered; clerk,leader,grid_worker; checker; notice answer
check_fail: [dispute|consultation|request|report] checking → handling; clerk,leader,grid_worker; checker; reason
answer: [dispute|consultation|request] registered|handling → answered; handler,clerk,leader,mediator,dept_liaison; owner; notice answer
rate: [all] answered → rated|handling; resident,clerk,leader; applicant_or_recorder
follow_up: [all] rated → followed_up; clerk,leader,grid_worker,handler; not_handler
archive: [all] followed_up|answered|not_accepted|channelled|mediated|withdrawn|voided|referred_to_court → archived; clerk,leader; owner_or_assigner
`.trim();

function compact(): string {
  return matterActions
    .map((a) => {
      const r = transitionTable[a];
      const kinds = r.kinds === 'all' ? 'all' : r.kinds.join('|');
      const roles = [...rolesWith(r.permission), ...(r.system ? ['system'] : [])].join(',');
      const reason = r.needsReason ? '; reason' : '';
      const notice = r.notice ? `; notice ${r.notice}` : '';
      return `${a}: [${kinds}] ${r.from.join('|')} → ${r.to.join('|')}; ${roles}; ${r.actor}${reason}${notice}`;
    })
    .join('\n');
}

/** The roles field (third of the `; ` parts) in a fixed order. */
function sortRoles(table: string): string {
  return table
    .split('\n')
    .map((line) => {
      const parts = line.split('; ');
      parts[1] = (parts[1] ?? '').split(',').sort().join(',');
      return parts.join('; ');
    })
    .join('\n');
}

describe('the transition table, pinned', () => {
  it('matches the reviewed table', () => {
    expect(sortRoles(compact())).toBe(sortRoles(expected));
  });

  it('names a permission in every row, never a role', () => {
    for (const a of matterActions) expect(actions).toContain(transitionTable[a].permission);
  });
});
