/**
 * Draws a 调度会's agenda from what the center has open: its area's 疑难复杂 matters, matters past a
 * deadline, live risk warnings, and the joint tasks of its earlier meetings (open ones, and those closed
 * since the last meeting, so each comes back once with its result). Drawn when the meeting is called
 * and kept as drawn: the record shows what the meeting had before it. Matter titles are kept masked
 * (names, phones, ID numbers typed into them), as every presenter shows them to staff.
 */
import type { AgendaItem } from '../../../../core/contracts/dispatch';
import { type WarningStatus, warningStatusLabels } from '../../../../core/contracts/risk';
import {
  type JointTaskStatus,
  jointTaskStatusLabels,
} from '../../../../core/domain/dispatch/joint-task.transitions';
import {
  type AgendaSource,
  agendaSourceLabels,
  type Mechanism,
  mechanismLabels,
} from '../../../../core/domain/dispatch/model';
import { maskIdentityInText } from '../../../../core/domain/masking';
import { type MatterStatus, matterStatusLabels } from '../../../../core/domain/matters/model';
import {
  type RiskRule,
  riskRuleLabels,
  type WarningGrade,
  warningGradeLabels,
} from '../../../../core/domain/risk/model';
import type { Executor } from '../../db/client';
import * as repo from './dispatch.repo';

export interface Convener {
  id: string;
  countyCode: string;
  path: string;
}

function taskState(t: repo.JointTaskRow, names: Map<string, string>): string {
  const s = jointTaskStatusLabels[t.status as JointTaskStatus];
  const late = t.overdueAt && (t.status === 'assigned' || t.status === 'in_progress') ? '，已逾期督办' : '';
  const last = t.progress.at(-1);
  const tail = t.result ? `：${t.result}` : last ? `：${last.orgName}报告“${last.note}”` : '';
  return `${s}${late}（牵头：${names.get(t.leadOrgId) ?? ''}）${tail}`;
}

export async function drawAgenda(
  ex: Executor,
  c: Convener,
  now: Date,
  orgName: (ids: string[]) => Promise<Map<string, string>>,
  /** Parties' names are stored sealed (docs/SECURITY.md G31): opened only to mask them in titles. */
  openName: (sealed: string) => string,
): Promise<AgendaItem[]> {
  const items: Omit<AgendaItem, 'seq' | 'sourceLabel'>[] = [];
  const since = await repo.previousMeetingStart(ex, c.countyCode, c.id, now);
  const tasks = await repo.tasksToReport(ex, c.countyCode, c.id, since);
  const names = await orgName(tasks.map((t) => t.leadOrgId));
  for (const t of tasks) {
    items.push({
      source: 'joint_task',
      refId: t.id,
      title: `【${mechanismLabels[t.mechanism as Mechanism]}】${t.title}`,
      detail: `限${t.dueDate}前完成`,
      stateLabel: taskState(t, names),
    });
  }
  const seen = new Set<string>();
  for (const m of await repo.overdueMatters(ex, c.countyCode, c.path)) {
    seen.add(m.id);
    const due = m.due_at ? new Date(m.due_at).toISOString().slice(0, 10) : '';
    items.push({
      source: 'overdue_matter',
      refId: m.id,
      title: `${m.code} ${maskIdentityInText(m.title, (m.party_names ?? []).map(openName))}`,
      detail: due ? `期限已于${due}届满` : '期限已届满',
      stateLabel: matterStatusLabels[m.status as MatterStatus] ?? m.status,
    });
  }
  for (const m of await repo.hardMatters(ex, c.countyCode, c.path)) {
    if (seen.has(m.id)) continue;
    items.push({
      source: 'hard_matter',
      refId: m.id,
      title: `${m.code} ${maskIdentityInText(m.title, (m.party_names ?? []).map(openName))}`,
      detail: [m.collective ? '群体性' : '', `${warningGradeLabels[m.risk_grade as WarningGrade] ?? ''}风险`]
        .filter(Boolean)
        .join('，'),
      stateLabel: matterStatusLabels[m.status as MatterStatus] ?? m.status,
    });
  }
  for (const w of await repo.liveWarnings(ex, c.countyCode, c.path)) {
    items.push({
      source: 'warning',
      refId: w.id,
      title: `【${warningGradeLabels[w.grade as WarningGrade]}预警】${riskRuleLabels[w.rule as RiskRule]}`,
      detail: w.explanation,
      stateLabel: warningStatusLabels[w.status as WarningStatus] ?? w.status,
    });
  }
  return items.map((it, i) => ({
    ...it,
    seq: i + 1,
    sourceLabel: agendaSourceLabels[it.source as AgendaSource],
  }));
}
