import { Card, Space, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { JointTaskView } from '../../api/dispatch';

const statusColor: Record<JointTaskView['status'], string> = {
  assigned: 'default',
  in_progress: 'processing',
  done: 'success',
  withdrawn: 'default',
};

/** One joint task: mechanism, lead and co-units, due day, state (逾期·督办 beside it) and its reports. */
export function TaskCard({ task: t, actions }: { task: JointTaskView; actions?: ReactNode[] }) {
  return (
    <Card
      size="small"
      data-testid={`task-${t.id}`}
      title={
        <Space wrap size={4}>
          <Tag color="geekblue">{t.mechanismLabel}</Tag>
          <span>{t.title}</span>
        </Space>
      }
      extra={
        <Space size={4}>
          <Tag color={statusColor[t.status]}>{t.statusLabel}</Tag>
          {t.overdue && <Tag color="red">逾期·已督办</Tag>}
        </Space>
      }
      actions={actions?.length ? actions : undefined}
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        牵头：{t.lead.name}
        {t.coUnits.length > 0 && ` · 配合：${t.coUnits.map((c) => c.name).join('、')}`} · 限 {t.dueDate}{' '}
        前完成
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t.convener.name}「{t.meetingTopic}」交办
      </Typography.Text>
      {t.progress.length > 0 && (
        <Timeline
          style={{ marginTop: 12, marginBottom: 0 }}
          items={t.progress.map((p) => ({
            children: `${new Date(p.at).toLocaleString('zh-CN')} ${p.orgName}：${p.note}`,
          }))}
        />
      )}
    </Card>
  );
}
