import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { courtKeys, fetchCourtView } from '../../api/court';
import { matterKeys } from '../../api/matters';
import { CourtFilingDialog } from './CourtFilingDialog';

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
const statusColor: Record<string, string> = {
  confirmed: 'green',
  registered: 'green',
  result_sent: 'green',
  sent: 'blue',
  received: 'blue',
  queued: 'gold',
  result_queued: 'gold',
  rejected: 'red',
  rejected_by_platform: 'red',
};

/** 诉调对接 on the matter page: what went to or came from the court, and the confirmation window. */
export function CourtCard({ m }: { m: MatterDetail }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [filing, setFiling] = useState<'referral' | 'confirmation' | null>(null);
  const view = useQuery({
    queryKey: courtKeys.matter(m.id),
    queryFn: ({ signal }) => fetchCourtView(m.id, signal),
    staleTime: 5_000,
  });
  if (view.isPending || view.isError) return null;
  const v = view.data;
  if (v.cases.length === 0 && !v.confirmationWindow && !v.canRefer) return null;
  return (
    <Card size="small" title="诉调对接" style={{ marginBottom: 16 }} data-testid="court-card">
      {v.confirmationWindow && (
        <Alert
          style={{ marginBottom: 8 }}
          type={v.confirmationWindow.open ? 'info' : 'warning'}
          showIcon
          data-testid="confirmation-window"
          title={
            v.confirmationWindow.open
              ? `可于 ${day(v.confirmationWindow.dueAt)} 前共同申请司法确认${v.confirmationWindow.provisionalNote ? `（暂定：${v.confirmationWindow.provisionalNote}）` : ''}`
              : `申请司法确认的期限已于 ${day(v.confirmationWindow.dueAt)} 届满`
          }
          description="人民调解法第三十三条：自调解协议生效之日起三十日内，双方当事人可以共同向人民法院申请司法确认。"
        />
      )}
      {v.cases.length > 0 && (
        <List
          size="small"
          dataSource={v.cases}
          data-testid="court-cases"
          renderItem={(c) => (
            <List.Item key={c.id}>
              <div
                data-testid="court-case"
                data-status={c.status}
                style={{ display: 'flex', flexDirection: 'column' }}
              >
                <span>
                  {c.kindLabel} <Tag color={statusColor[c.status] ?? 'default'}>{c.statusLabel}</Tag>
                </span>
                {c.kind === 'judicial_confirmation' && (
                  <a
                    href={`/api/matters/${m.id}/court/${c.id}/application.pdf`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    司法确认申请书（PDF）
                  </a>
                )}
                {c.courtCaseNo && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.courtName} {c.courtCaseNo}
                  </Typography.Text>
                )}
                {c.delivery && c.delivery.status !== '已送达' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.delivery.status}（已尝试 {c.delivery.attempts} 次
                    {c.delivery.lastError ? `：${c.delivery.lastError}` : ''}）
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {v.canRefer && (
          <Button onClick={() => setFiling('referral')} data-testid="court-refer">
            推送法院（诉讼材料）
          </Button>
        )}
        {v.canApplyConfirmation && (
          <Button onClick={() => setFiling('confirmation')} data-testid="court-confirm">
            申请司法确认
          </Button>
        )}
      </Space>
      {filing && (
        <CourtFilingDialog
          matter={m}
          mode={filing}
          onClose={() => setFiling(null)}
          onDone={() => {
            setFiling(null);
            void queryClient.invalidateQueries({ queryKey: courtKeys.matter(m.id) });
            void queryClient.invalidateQueries({ queryKey: matterKeys.detail(m.id) });
            message.success(filing === 'referral' ? '已提交，正在推送法院' : '已提交司法确认申请');
          }}
        />
      )}
    </Card>
  );
}
