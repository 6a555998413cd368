/**
 * What one lifecycle decision writes, as data (issue 19: applyDecision was one 27-branch function that
 * decided and wrote at once). `decide` says what happens to the matter; this says what the server must
 * store for it: the matter row's new columns, the clocks to start, stop and move, whether a written
 * notice is served, whether open 督办 is answered, and the event. The server's persist step only reads
 * the orgs it names, writes, and calls the hooks (server/src/modules/matters/actions.service.ts).
 */
import type { NoticeInput } from '../notices';
import { provisionalNoteOf } from '../time-limits';
import { isHandlingBasis, reviewWindowBases } from './clocks';
import type { MatterCommand } from './commands';
import type { Decision } from './lifecycle';
import type { MatterState, MatterStatus } from './model';

/** The columns of the matter the plan reads. */
export interface PlannedMatter {
  id: string;
  code: string;
  title: string;
  /** As stored (a text column); compared with the state's status, never trusted as one. */
  status: string;
  ownerOrgId: string;
  rating: string | null;
  ratedBy: string | null;
  closedAt: Date | null;
  receivedAt: Date | null;
  createdAt: Date;
}

export interface DecisionPlan {
  /**
   * The matter row after the step. The persist step takes the owner's level and the receiver's path
   * from the org rows it reads (`read`), the org table being the authority on both.
   */
  matter: {
    state: MatterState;
    status: MatterStatus;
    ownerOrgId: string;
    ownerPath: string;
    ownerLevel: MatterState['owner']['level'];
    pendingOrgId: string | null;
    pendingPath: string | null;
    reworkCount: number;
    archiveNo: MatterState['archiveNo'];
    rating: string | null;
    ratedBy: string | null;
    updatedAt: Date;
    closedAt: Date | null;
  };
  /** Orgs the persist step reads: the new owner when it changed, the receiver of a pending transfer. */
  read: { owner: string | null; pending: string | null };
  clocks: Decision['deadlines'];
  /** The written notice served with the step, if any; its text needs the clocks as written. */
  notice: Decision['notice'];
  /** Open 督办 is answered when the matter is answered or archived: its reply text. */
  answerSupervision: string | null;
  event: {
    action: string;
    reason: string | null;
    /** The lifecycle's own event data (what the notice prints from). */
    data: Record<string, unknown>;
    before: { status: string; ownerOrgId: string };
    after: Record<string, unknown>;
  };
}

export function planDecision(
  m: PlannedMatter,
  command: MatterCommand,
  decision: Decision,
  by: 'staff' | 'resident' | 'system',
  now: Date,
): DecisionPlan {
  const next = decision.next;
  const transfer = next.status === 'transferring' ? next.transfer : undefined;
  const entersEnd = next.status !== m.status && (next.status === 'answered' || next.status === 'archived');
  return {
    matter: {
      state: next,
      status: next.status,
      ownerOrgId: next.owner.id,
      ownerPath: next.owner.path,
      ownerLevel: next.owner.level,
      pendingOrgId: transfer?.to.id ?? null,
      pendingPath: transfer?.to.path ?? null,
      reworkCount: next.reworkCount,
      archiveNo: next.archiveNo,
      rating: command.action === 'rate' ? command.rating : m.rating,
      // A rating taken by staff (phone, visit) is counted apart from the resident's own (the KPIs).
      ratedBy: command.action === 'rate' ? (by === 'staff' ? 'staff_on_behalf' : 'resident') : m.ratedBy,
      updatedAt: now,
      closedAt: next.status === 'archived' ? now : m.closedAt,
    },
    read: { owner: next.owner.id === m.ownerOrgId ? null : next.owner.id, pending: transfer?.to.id ?? null },
    clocks: decision.deadlines,
    notice: decision.notice,
    answerSupervision: entersEnd ? `事项已${next.status === 'answered' ? '答复' : '归档'}` : null,
    event: {
      action: decision.event.name,
      reason: decision.event.reason,
      data: decision.event.data,
      before: { status: m.status, ownerOrgId: m.ownerOrgId },
      after: {
        status: next.status,
        ownerOrgId: next.owner.id,
        action: decision.action,
        ...decision.event.data,
      },
    },
  };
}

/** A live deadline as the notice reads it, after the plan's clocks were written. */
export interface WrittenClock {
  basis: string;
  dueAt: Date | null;
  explanation: string;
  provisionalYears: readonly unknown[];
  citation: string;
  label: string;
}

const noteOf = (d: WrittenClock | undefined) =>
  d?.provisionalYears.length ? provisionalNoteOf(d.explanation) : null;

/**
 * The notice's input: the handling due date (any handling clock, LOCAL-SAME-DAY included: the one list
 * in clocks.ts), the petitioner's review window, and who receives a transfer.
 */
export function noticeOfPlan(
  plan: DecisionPlan & { notice: NonNullable<DecisionPlan['notice']> },
  m: PlannedMatter,
  written: readonly WrittenClock[],
  orgs: { ownerName: string; receiver: { name: string; contact: string | null } | null },
  now: Date,
): NoticeInput {
  const handling = written.find((d) => isHandlingBasis(d.basis) && d.dueAt);
  const window = written.find((d) => (reviewWindowBases as readonly string[]).includes(d.basis));
  return {
    kind: plan.notice,
    matterCode: m.code,
    matterTitle: m.title,
    orgName: orgs.ownerName,
    now,
    reason: plan.event.reason,
    data: plan.event.data,
    handlingDue: handling?.dueAt ?? null,
    handlingDueNote: noteOf(handling),
    windowDue: window?.dueAt ?? null,
    windowDueNote: noteOf(window),
    receipt: { receivedAt: m.receivedAt ?? m.createdAt, registeredAt: m.createdAt },
    matterKind: plan.matter.state.kind,
    handlingRule: handling ? { citation: handling.citation, label: handling.label } : null,
    receiver: orgs.receiver,
  };
}
