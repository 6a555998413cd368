import { Empty, List, Tag, Typography } from 'antd';
import type { AgendaItem } from '../../../../core/contracts/dispatch';

const sourceColor: Record<AgendaItem['source'], string> = {
  joint_task: 'blue',
  overdue_matter: 'red',
  hard_matter: 'orange',
  warning: 'volcano',
};

/** A 调度会's agenda: each item with where it came from and its state when drawn. */
export function AgendaList({ items }: { items: AgendaItem[] }) {
  if (items.length === 0) return <Empty description="暂无需要调度的事项" />;
  return (
    <List
      size="small"
      data-testid="agenda"
      dataSource={items}
      renderItem={(a) => (
        <List.Item key={a.seq} data-testid={`agenda-${a.refId}`}>
          <List.Item.Meta
            title={
              <span>
                {a.seq}. <Tag color={sourceColor[a.source]}>{a.sourceLabel}</Tag>
                {a.title}
              </span>
            }
            description={
              <>
                <Typography.Text>状态：{a.stateLabel}</Typography.Text>
                {a.detail && <div>{a.detail}</div>}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
