/**
 * Routing rows (分流): transfers (交办 down, 上提 up, 转办 to a department), the sender's recall, the
 * receiver's signature, and the receiver's objection to a wrong dispatch that the sender's level decides
 * (XF art. 23(3)). 首问负责: a transfer leaves the owner unchanged until the receiver signs for it; an
 * upheld objection sends the matter back (回退), counted apart from rework (返工).
 */
import { isTerritorial } from '../orgs';
import { windowOpen } from './clocks';
import {
  handOver,
  isStrictlyAbove,
  levelAbove,
  levelRank,
  type MatterState,
  type OrgRef,
  transferKinds,
} from './model';
import { conflict, invalid, type Refusal } from './refusals';
import { isOneOf, isOrgRef, noCheck, type StateGuard, type TransitionTable } from './table-types';

const pendingTransfer: StateGuard = (s) =>
  s.transfer && !s.transfer.received ? null : conflict('NO_PENDING_TRANSFER', '没有待签收的流转。');

const reportFiledFirst: StateGuard = (s) =>
  s.kind === 'report' && s.status === 'registered'
    ? conflict('REPORT_NOT_FILED', '网格事件须先核实立案，再派遣或上提。')
    : null;

const objectionApplicable: StateGuard = (s) => {
  const t = s.transfer;
  return t?.received && !t.objected && t.kind !== 'escalate_up' && t.to.id === s.owner.id
    ? null
    : conflict(
        'OBJECTION_NOT_APPLICABLE',
        '只有签收交办、转办事项的单位才能对错派提出异议，且只能提出一次。',
      );
};

const objectionWindowOpen: StateGuard = (s, ctx) =>
  windowOpen(ctx.deadlines, s.kind === 'petition' ? 'XF-23-objection' : 'LOCAL-OBJECTION', ctx.now)
    ? null
    : conflict('OBJECTION_WINDOW_CLOSED', '已超过提出异议的期限（收到之日起5个工作日）。');

/** Where a transfer may go: 上提 to the center directly above, 交办 into the subtree, 转办 to a non-center. */
function checkTarget(s: MatterState, kind: unknown, to: unknown): Refusal | null {
  if (!isOneOf(transferKinds, kind) || !isOrgRef(to))
    return invalid('INVALID_INPUT', '请选择流转方式和接收单位。');
  if (to.id === s.owner.id) return invalid('TRANSFER_TO_SELF', '不能流转给本单位。');
  switch (kind) {
    case 'escalate_up': {
      const above = levelAbove(s.owner.level);
      const center = isTerritorial(s.owner.kind);
      if (center && above === null)
        return conflict('ESCALATE_FROM_TOP', '区级已是本系统最高层级，不能再上提。');
      // A department or station escalates to the center it hangs under, which may sit on its own level.
      const levelOk = center ? to.level === above : to.level === s.owner.level || to.level === above;
      return isTerritorial(to.kind) && isStrictlyAbove(to.path, s.owner.path) && levelOk
        ? null
        : invalid('ESCALATE_NOT_PARENT', '上提只能提交给直接上一级综治中心。');
    }
    case 'dispatch_down':
      return isTerritorial(to.kind) &&
        isStrictlyAbove(s.owner.path, to.path) &&
        levelRank(to.level) < levelRank(s.owner.level)
        ? null
        : invalid('DISPATCH_NOT_BELOW', '交办只能交给本辖区内的下级综治中心。');
    case 'to_department':
      return isTerritorial(to.kind)
        ? invalid('DEPARTMENT_TARGET_TERRITORIAL', '转办对象应为部门、站所或调解组织。')
        : null;
  }
}

/** After an escalation the assigner stays owed a report only if it is still above the new owner. */
function assignerAbove(assigner: OrgRef | null, owner: OrgRef): OrgRef | null {
  return assigner && isStrictlyAbove(assigner.path, owner.path) ? assigner : null;
}

export const routingRows: Pick<
  TransitionTable,
  'transfer' | 'recall' | 'receive' | 'object' | 'decide_objection'
> = {
  transfer: {
    action: 'transfer',
    label: '流转（交办/上提/转办）',
    eventName: 'matter.transferred',
    kinds: 'all',
    from: ['registered', 'filed', 'handling'],
    to: ['transferring'],
    permission: 'matter.route',
    system: true,
    actor: 'owner',
    needsReason: true,
    notice: 'transfer',
    cites:
      '信访工作条例 art. 22(1)(3)：15日内转送、交办；art. 23(1)：告知去向；首问负责：签收前仍由本单位负责',
    when: [reportFiledFirst],
    check: (s, cmd) => checkTarget(s, cmd.transferKind, cmd.to),
    apply: (s, cmd) => ({
      ...s,
      status: 'transferring',
      transfer: {
        kind: cmd.transferKind,
        from: s.owner,
        to: cmd.to,
        resume: s.status === 'filed' ? 'filed' : s.status === 'handling' ? 'handling' : 'registered',
        received: false,
        receivedAs: null,
        objected: false,
        senderAssignedBy: s.assignedBy,
      },
    }),
    data: (_s, cmd) => ({ transferKind: cmd.transferKind, toOrgId: cmd.to.id, toLevel: cmd.to.level }),
  },
  recall: {
    action: 'recall',
    label: '撤回',
    eventName: 'matter.transfer_recalled',
    kinds: 'all',
    from: ['transferring'],
    to: ['registered', 'filed', 'handling'],
    permission: 'matter.coordinate',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: null,
    cites: '首问负责：接收单位签收前，发出单位可撤回并继续负责',
    when: [pendingTransfer],
    check: noCheck,
    apply: (s) => ({ ...s, status: s.transfer?.resume ?? 'registered', transfer: null }),
  },
  receive: {
    action: 'receive',
    label: '签收',
    eventName: 'matter.received',
    kinds: 'all',
    from: ['transferring'],
    to: ['registered', 'filed', 'handling'],
    permission: 'matter.receive',
    system: false,
    actor: 'receiver',
    needsReason: false,
    notice: null,
    cites: '首问负责：接收单位签收后成为责任单位；信访工作条例 art. 23(3)：收到之日起15日内书面告知',
    when: [pendingTransfer],
    check: noCheck,
    apply: (s) => {
      if (!s.transfer) return s;
      const t = s.transfer;
      // A dispatched grid event goes straight to handling; anything else resumes where it was.
      const receivedAs = t.resume === 'filed' && t.kind !== 'escalate_up' ? 'handling' : t.resume;
      return {
        ...handOver(s, t.to),
        status: receivedAs,
        assignedBy: t.kind === 'escalate_up' ? assignerAbove(s.assignedBy, t.to) : t.from,
        transfer: { ...t, received: true, receivedAs },
      };
    },
    data: (s) => ({ transferKind: s.transfer?.kind ?? null, fromOrgId: s.transfer?.from.id ?? null }),
  },
  object: {
    action: 'object',
    label: '提出异议（错派）',
    eventName: 'matter.objected',
    kinds: 'all',
    from: ['registered', 'handling'],
    to: ['objected'],
    permission: 'matter.route',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: null,
    cites: '信访工作条例 art. 23(3)：不属于本单位职权范围的，收到之日起5个工作日内提出异议并详细说明理由',
    when: [objectionApplicable, objectionWindowOpen],
    check: noCheck,
    apply: (s) => ({ ...s, status: 'objected', transfer: s.transfer && { ...s.transfer, objected: true } }),
  },
  decide_objection: {
    action: 'decide_objection',
    label: '处理异议',
    eventName: 'matter.objection_decided',
    kinds: 'all',
    from: ['objected'],
    to: ['registered', 'filed', 'handling'],
    permission: 'matter.decide',
    system: false,
    actor: 'sender_level',
    needsReason: true,
    notice: null,
    cites: '信访工作条例 art. 23(3)：经转送、交办单位或上级单位核实同意后交还材料（回退）',
    when: [],
    check: (_s, cmd) =>
      typeof cmd.upheld === 'boolean' ? null : invalid('INVALID_INPUT', '请选择是否同意异议。'),
    apply: (s, cmd) => {
      const t = s.transfer;
      if (!t) return s;
      // Upheld = 回退: back to the sender in the status it had; counted in 回退率, never as 返工.
      if (cmd.upheld) return { ...handOver(s, t.from), status: t.resume, assignedBy: t.senderAssignedBy };
      return { ...s, status: t.receivedAs ?? 'registered' };
    },
    data: (s, cmd) => ({
      upheld: cmd.upheld,
      returnedToOrgId: cmd.upheld ? (s.transfer?.from.id ?? null) : null,
    }),
  },
};
