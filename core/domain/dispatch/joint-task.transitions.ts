/**
 * The joint task's lifecycle as a table, like the matter's (core/domain/matters/transitions*.ts): the
 * server enforces it and the web shows only the allowed actions. Being late is not a state: the sweep
 * marks an open task overdue and raises 督办 to the convening center beside the state, as for matters.
 *
 * Who acts: the lead unit (牵头单位) reports and completes; a co-unit (配合单位) reports its part; the
 * convening center (the meeting's org) may withdraw a task a later meeting no longer needs.
 */

export const jointTaskStatuses = ['assigned', 'in_progress', 'done', 'withdrawn'] as const;
export type JointTaskStatus = (typeof jointTaskStatuses)[number];
export const jointTaskStatusLabels: Record<JointTaskStatus, string> = {
  assigned: '已交办',
  in_progress: '推进中',
  done: '已办结',
  withdrawn: '已撤销',
};

export const jointTaskActions = ['report', 'complete', 'withdraw'] as const;
export type JointTaskAction = (typeof jointTaskActions)[number];
export const jointTaskActionLabels: Record<JointTaskAction, string> = {
  report: '报告进展',
  complete: '办结',
  withdraw: '撤销',
};

/** The actor's part in one task: several can hold (a center that also leads). */
export type JointTaskPart = 'lead' | 'co' | 'convener';

interface Row {
  from: readonly JointTaskStatus[];
  to: JointTaskStatus | 'same';
  by: readonly JointTaskPart[];
}

const open = ['assigned', 'in_progress'] as const;

export const jointTaskTransitions: Record<JointTaskAction, Row> = {
  report: { from: open, to: 'in_progress', by: ['lead', 'co'] },
  complete: { from: open, to: 'done', by: ['lead'] },
  withdraw: { from: open, to: 'withdrawn', by: ['convener'] },
};

export function isOpenTask(s: JointTaskStatus): boolean {
  return (open as readonly JointTaskStatus[]).includes(s);
}

export type JointTaskDecision =
  | { ok: true; to: JointTaskStatus }
  | { ok: false; code: 'TRANSITION_REFUSED' | 'FORBIDDEN'; reason: string; message: string };

export function decideJointTask(
  status: JointTaskStatus,
  action: JointTaskAction,
  parts: readonly JointTaskPart[],
): JointTaskDecision {
  const row = jointTaskTransitions[action];
  if (!row.from.includes(status)) {
    return {
      ok: false,
      code: 'TRANSITION_REFUSED',
      reason: 'TASK_NOT_OPEN',
      message: `该联合任务${jointTaskStatusLabels[status]}，不能${jointTaskActionLabels[action]}。`,
    };
  }
  if (!parts.some((p) => row.by.includes(p))) {
    const who = row.by.map((p) => ({ lead: '牵头单位', co: '配合单位', convener: '召集的综治中心' })[p]);
    return {
      ok: false,
      code: 'FORBIDDEN',
      reason: 'NOT_YOUR_PART',
      message: `只有${who.join('或')}可以${jointTaskActionLabels[action]}。`,
    };
  }
  return { ok: true, to: row.to === 'same' ? status : row.to };
}

export function allowedJointTaskActions(
  status: JointTaskStatus,
  parts: readonly JointTaskPart[],
): JointTaskAction[] {
  return jointTaskActions.filter((a) => decideJointTask(status, a, parts).ok);
}
