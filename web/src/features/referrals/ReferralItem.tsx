/**
 * One referral as both sides see it: service, provider, status and clock, the lawyer or appointment,
 * the sessions' attendance (their notes only inside the counselling center, as the server sends them),
 * the outcome, and the amount where the server shows it.
 */
import { Button, Space, Tag, Typography } from 'antd';
import { referralActionLabels } from '../../../../core/domain/referrals/referral.transitions';
import type { ReferralActionBody, ReferralView } from '../../api/referrals';

const statusColor: Record<ReferralView['status'], string> = {
  referred: 'default',
  accepted: 'processing',
  assigned: 'processing',
  in_service: 'processing',
  concluded: 'success',
  declined: 'warning',
  withdrawn: 'default',
};

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

export function ReferralItem({
  r,
  partyName,
  showMatter,
  onAct,
}: {
  r: ReferralView;
  partyName?: string | null;
  showMatter?: boolean;
  onAct?: (r: ReferralView, action: ReferralActionBody['action']) => void;
}) {
  return (
    <div data-testid={`referral-${r.kind}`} style={{ padding: '8px 0' }}>
      <Space wrap size={4}>
        <Tag color="geekblue">{r.kindLabel}</Tag>
        <Typography.Text strong>{r.provider.name}</Typography.Text>
        <Tag color={statusColor[r.status]} data-testid="referral-status">
          {r.statusLabel}
        </Tag>
        {r.overdue && <Tag color="red">已超期</Tag>}
      </Space>
      <div>
        <Typography.Text type="secondary">
          {showMatter && `事项 ${r.matterCode} · `}
          {partyName ? `当事人 ${partyName} · ` : ''}依据：{r.eligibilityLabel} · 限 {when(r.dueAt)} 前（
          {r.ruleLabel}）
        </Typography.Text>
      </div>
      <div>转介理由：{r.reason}</div>
      {r.assignee && <div>承办人：{r.assignee}</div>}
      {r.appointmentAt && <div>预约面谈：{when(r.appointmentAt)}</div>}
      {r.sessions.length > 0 && (
        <div data-testid="referral-sessions">
          面谈记录：
          {r.sessions.map((s) => (
            <div key={`${s.heldAt}-${s.attended}-${s.note ?? ''}`}>
              {when(s.heldAt)} {s.attended ? '已到场' : '未到场'}
              {s.note ? `：${s.note}` : ''}
            </div>
          ))}
          {r.notesHidden && (
            <Typography.Text type="secondary">（面谈内容保密，仅服务机构可见）</Typography.Text>
          )}
        </div>
      )}
      {r.outcomeLabel && (
        <div data-testid="referral-outcome">
          结果：<Typography.Text strong>{r.outcomeLabel}</Typography.Text>
          {r.outcomeNote ? `：${r.outcomeNote}` : ''}
          {r.amountYuan !== null && ` · 金额 ${r.amountYuan} 元`}
          {r.aidInKind && ` · ${r.aidInKind}`}
          {r.amountHidden && (
            <Typography.Text type="secondary"> · 金额仅服务机构和承办单位可见</Typography.Text>
          )}
        </div>
      )}
      {onAct && r.allowedActions.length > 0 && (
        <Space wrap style={{ marginTop: 4 }}>
          {r.allowedActions.map((a) => (
            <Button
              key={a}
              size="small"
              danger={a === 'decline' || a === 'withdraw'}
              onClick={() => onAct(r, a)}
              data-testid={`referral-act-${a}`}
            >
              {referralActionLabels[a]}
            </Button>
          ))}
        </Space>
      )}
    </div>
  );
}
