import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Popconfirm, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { PasswordResetRequest } from '../../../../core/contracts/users';
import { decidePasswordReset, listPendingResets, userKeys } from '../../api/users';
import { useReportError } from '../../components/useReportError';

/**
 * 安全管理员: the system administrator's password resets of leaders and business administrators wait
 * here (no impersonation, docs/SECURITY.md G9). Shown only while some are pending.
 */
export function PasswordResetApprovals() {
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const pending = useQuery({
    queryKey: userKeys.pendingResets,
    queryFn: ({ signal }) => listPendingResets(signal),
  });
  const decide = useMutation({
    mutationFn: ({ r, approve }: { r: PasswordResetRequest; approve: boolean }) =>
      decidePasswordReset(r.id, approve),
    onSuccess: async (_u, { r, approve }) => {
      message.success(
        approve
          ? `已批准：“${r.user.displayName}”的新密码已生效，本人登录后须立即修改`
          : `已驳回对“${r.user.displayName}”的密码重置`,
      );
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (e) => report(e, '审批失败'),
  });

  if (!pending.data?.length) return null;
  return (
    <Card size="small" title="待审批的密码重置" style={{ marginBottom: 12 }} data-testid="pending-resets">
      <List<PasswordResetRequest>
        dataSource={pending.data}
        renderItem={(r) => (
          <List.Item
            actions={[
              <Popconfirm
                key="approve"
                title={`批准重置“${r.user.displayName}”的密码？`}
                description="请先与本人核实确有此需要。"
                okText="批准"
                cancelText="取消"
                onConfirm={() => decide.mutateAsync({ r, approve: true }).catch(() => undefined)}
              >
                <Button type="link" size="small">
                  批准
                </Button>
              </Popconfirm>,
              <Button
                key="reject"
                type="link"
                size="small"
                danger
                onClick={() => decide.mutate({ r, approve: false })}
              >
                驳回
              </Button>,
            ]}
          >
            <Space direction="vertical" size={0}>
              <Typography.Text strong>
                {r.user.displayName}（{r.user.username}）
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {r.requestedBy.displayName} 于 {dayjs(r.requestedAt).format('YYYY-MM-DD HH:mm')} 申请重置
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
