/** Small visual pieces shared by the queue, the matter page and the residents' pages. */
import { Tag, Tooltip, Typography } from 'antd';
import type { DeadlineView } from '../../../../core/contracts/matters';
import {
  type MatterKind,
  type MatterStatus,
  matterKindLabels,
  matterStatusLabels,
  type RiskGrade,
  riskGradeLabels,
} from '../../../../core/domain/matters/model';

export type DeadlineState = DeadlineView['state'];

const statusColors: Record<MatterStatus, string> = {
  registered: 'gold',
  filed: 'gold',
  transferring: 'purple',
  objected: 'magenta',
  handling: 'processing',
  mediating: 'processing',
  checking: 'cyan',
  answered: 'cyan',
  rated: 'green',
  followed_up: 'green',
  reviewing: 'geekblue',
  reexamining: 'geekblue',
  referred_to_court: 'default',
  not_accepted: 'default',
  channelled: 'default',
  mediated: 'green',
  withdrawn: 'default',
  voided: 'default',
  merged: 'default',
  archived: 'default',
};

const riskColors: Record<RiskGrade, string> = { red: 'red', orange: 'orange', yellow: 'gold' };

/** Colours of the remaining time: red when overdue, orange when due soon. */
export const deadlineColors: Record<DeadlineState, string> = {
  running: '#1f5fa8',
  due_soon: '#d46b08',
  overdue: '#cf1322',
  paused: '#8c8c8c',
  done: '#389e0d',
};

export const deadlineStateLabels: Record<DeadlineState, string> = {
  running: '计时中',
  due_soon: '即将到期',
  overdue: '已超期',
  paused: '已暂停',
  done: '已完成',
};

export function StatusTag({ status }: { status: MatterStatus }) {
  return (
    <Tag color={statusColors[status]} data-testid="status-tag" data-status={status}>
      {matterStatusLabels[status]}
    </Tag>
  );
}

export function RiskTag({ grade }: { grade: RiskGrade }) {
  return (
    <Tag color={riskColors[grade]} aria-label={`风险等级：${riskGradeLabels[grade]}`}>
      {riskGradeLabels[grade]}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: MatterKind }) {
  return <Tag>{matterKindLabels[kind]}</Tag>;
}

/** "剩余 3 天" in the colour of its state; the explanation (how it was counted) in a tooltip. */
export function Remaining({
  state,
  remaining,
  explanation,
}: {
  state: DeadlineState;
  remaining: string;
  explanation?: string;
}) {
  const text = (
    <Typography.Text
      style={{ color: deadlineColors[state], fontWeight: state === 'overdue' ? 600 : undefined }}
      data-deadline-state={state}
    >
      {remaining}
    </Typography.Text>
  );
  if (!explanation) return text;
  return (
    <Tooltip title={explanation}>
      <span style={{ cursor: 'help' }}>{text}</span>
    </Tooltip>
  );
}

/**
 * 暂定: the date was counted through a year whose holiday arrangement is not loaded yet; the note
 * says so in the words of the stored explanation (and of the printed notice).
 */
export function ProvisionalTag({ note }: { note: string | null | undefined }) {
  if (!note) return null;
  return (
    <Tooltip title={note}>
      <Tag
        color="orange"
        data-testid="provisional-tag"
        aria-label={`暂定：${note}`}
        style={{ cursor: 'help' }}
      >
        暂定
      </Tag>
    </Tooltip>
  );
}
