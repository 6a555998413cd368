import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { deliberationKeys, fetchMessages, markMessageRead } from '../../api/deliberation';
import { useReportError } from '../../components/useReportError';

/** The account's in-app messages (会议通知, 交办任务 …), newest first. */
export function MessagesPage() {
  const queryClient = useQueryClient();
  const report = useReportError();
  const q = useQuery({ queryKey: deliberationKeys.messages, queryFn: ({ signal }) => fetchMessages(signal) });
  const read = useMutation({
    mutationFn: markMessageRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliberationKeys.messages }),
    onError: (e) => report(e),
  });
  return (
    <Card title="站内消息">
      {q.isError && <Alert type="error" showIcon message={(q.error as Error).message} />}
      <List
        loading={q.isLoading}
        dataSource={q.data ?? []}
        locale={{ emptyText: '暂无消息' }}
        renderItem={(m) => (
          <List.Item
            data-testid="message"
            extra={
              m.read ? (
                <Tag>已读</Tag>
              ) : (
                <Button size="small" onClick={() => read.mutate(m.id)}>
                  标为已读
                </Button>
              )
            }
          >
            <List.Item.Meta
              title={
                m.link ? (
                  <Link to={m.link} onClick={() => !m.read && read.mutate(m.id)}>
                    {m.title}
                  </Link>
                ) : (
                  m.title
                )
              }
              description={`${dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')} · ${m.body}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
