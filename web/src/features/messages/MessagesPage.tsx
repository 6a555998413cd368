import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { deliberationKeys, fetchMessages } from '../../api/deliberation';

/** The account's in-app messages (会议通知, 交办任务 …), newest first. */
export function MessagesPage() {
  const q = useQuery({ queryKey: deliberationKeys.messages, queryFn: ({ signal }) => fetchMessages(signal) });
  return (
    <Card title="站内消息">
      {q.isError && <Alert type="error" showIcon message={(q.error as Error).message} />}
      <List
        loading={q.isLoading}
        dataSource={q.data ?? []}
        locale={{ emptyText: '暂无消息' }}
        renderItem={(m) => (
          <List.Item data-testid="message">
            <List.Item.Meta
              title={m.link ? <Link to={m.link}>{m.title}</Link> : m.title}
              description={`${dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')} · ${m.body}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
