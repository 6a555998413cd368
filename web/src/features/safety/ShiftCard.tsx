import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ShiftView } from '../../api/safety';

const statusColor: Record<ShiftView['status'], string> = {
  scheduled: 'processing',
  unreported: 'red',
  done: 'success',
  missed: 'warning',
};

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  });

/** One patrol shift: when, where, which unit and people, and what was reported. */
export function ShiftCard({ shift: s, actions }: { shift: ShiftView; actions?: ReactNode[] }) {
  const area = [...s.villages.map((v) => v.name), s.route].filter(Boolean).join('、');
  return (
    <Card
      size="small"
      data-testid={`shift-${s.id}`}
      title={`${s.date} ${time(s.startsAt)}–${time(s.endsAt)}`}
      extra={<Tag color={statusColor[s.status]}>{s.statusLabel}</Tag>}
      actions={actions?.length ? actions : undefined}
    >
      <Space direction="vertical" size={2}>
        <Typography.Text>巡逻区域：{area}</Typography.Text>
        <Typography.Text>
          值班单位：{s.unit.name}
          {s.members.length > 0 && ` · 人员：${s.members.join('、')}`}
        </Typography.Text>
        <Typography.Text type="secondary">
          {s.rosterOrg.name}「{s.rosterTitle}」
        </Typography.Text>
        {s.note && <Typography.Text>巡逻情况：{s.note}</Typography.Text>}
      </Space>
    </Card>
  );
}
