/** Shapes meetings and joint tasks; the allowed actions come from the core table for the viewer's parts. */
import type { DispatchMeetingView, JointTaskView } from '../../../../core/contracts/dispatch';
import {
  allowedJointTaskActions,
  isOpenTask,
  type JointTaskPart,
  type JointTaskStatus,
  jointTaskStatusLabels,
} from '../../../../core/domain/dispatch/joint-task.transitions';
import type { AgendaSource } from '../../../../core/domain/dispatch/model';
import {
  agendaSourceLabels,
  type Mechanism,
  type MeetingKind,
  mechanismLabels,
  meetingKindLabels,
} from '../../../../core/domain/dispatch/model';
import { maskIdentityInText } from '../../../../core/domain/masking';
import { canSee } from '../../authz';
import type { Actor } from '../../context';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { OrgRow } from '../orgs/orgs.service';
import type { DispatchMeetingRow, JointTaskRow } from './dispatch.repo';

/** The viewer's parts in a task: an org above the lead acts for it, as for matters. */
export function partsOf(actor: Actor, t: JointTaskRow): JointTaskPart[] {
  const parts: JointTaskPart[] = [];
  if (canSee(actor, t.countyCode, t.leadPath)) parts.push('lead');
  if (t.coPaths.some((p) => canSee(actor, t.countyCode, p))) parts.push('co');
  if (canSee(actor, t.countyCode, t.convenerPath)) parts.push('convener');
  return parts;
}

const unknownOrg = (id: string) => ({
  id,
  name: '（已删除的单位）',
  kind: 'unit',
  level: 'town',
  divisionCode: null,
});

export function toTaskView(
  t: JointTaskRow,
  orgs: Map<string, OrgRow>,
  meetingTopic: string,
  actor: Actor,
): JointTaskView {
  const ref = (id: string) => toOrgRef(orgs.get(id) ?? unknownOrg(id));
  const status = t.status as JointTaskStatus;
  return {
    id: t.id,
    meetingId: t.meetingId,
    meetingTopic,
    convener: ref(t.convenerOrgId),
    agendaSeq: t.agendaSeq,
    title: maskIdentityInText(t.title),
    mechanism: t.mechanism as Mechanism,
    mechanismLabel: mechanismLabels[t.mechanism as Mechanism],
    lead: ref(t.leadOrgId),
    coUnits: t.coOrgIds.map(ref),
    dueDate: t.dueDate,
    status,
    statusLabel: jointTaskStatusLabels[status],
    overdue: !!t.overdueAt && isOpenTask(status),
    supervised: !!t.supervisedAt,
    progress: t.progress.map((p) => ({
      at: p.at,
      orgName: p.orgName,
      userName: p.userName,
      note: maskIdentityInText(p.note),
    })),
    result: t.result === null ? null : maskIdentityInText(t.result),
    completedAt: t.completedAt?.toISOString() ?? null,
    allowedActions: actor.roles.length ? allowedJointTaskActions(status, partsOf(actor, t)) : [],
  };
}

export function toMeetingSummary(m: DispatchMeetingRow, convener: OrgRow | undefined, tasks: JointTaskRow[]) {
  return {
    id: m.id,
    kind: m.kind as MeetingKind,
    kindLabel: meetingKindLabels[m.kind as MeetingKind],
    topic: m.topic,
    startsAt: m.startsAt.toISOString(),
    place: m.place,
    convener: toOrgRef(convener ?? unknownOrg(m.convenerOrgId)),
    taskCount: tasks.length,
    openTaskCount: tasks.filter((t) => isOpenTask(t.status as JointTaskStatus)).length,
  };
}

export function toMeetingView(
  m: DispatchMeetingRow,
  orgs: Map<string, OrgRow>,
  tasks: JointTaskRow[],
  actor: Actor,
  mayDecide: boolean,
): DispatchMeetingView {
  return {
    ...toMeetingSummary(m, orgs.get(m.convenerOrgId), tasks),
    participants: m.participants.map((p) => ({
      org: p.orgId ? toOrgRef(orgs.get(p.orgId) ?? unknownOrg(p.orgId)) : null,
      name: p.name,
      inside: p.inside,
    })),
    agenda: m.agenda.map((a) => ({
      ...a,
      source: a.source as AgendaSource,
      sourceLabel: agendaSourceLabels[a.source as AgendaSource],
    })),
    tasks: tasks.map((t) => toTaskView(t, orgs, m.topic, actor)),
    mayDecide,
  };
}
