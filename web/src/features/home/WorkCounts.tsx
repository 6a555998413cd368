import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { fetchQueueCounts, type MatterQueue, matterKeys } from '../../api/matters';

/** The work waiting on the workbench home, each figure a link to its queue. */
const tiles: { queue: MatterQueue; title: string; alarm: boolean; onlyIfAny?: boolean }[] = [
  { queue: 'incoming', title: '待签收/受理', alarm: false },
  { queue: 'due_today', title: '今日到期', alarm: true },
  { queue: 'overdue', title: '已超期', alarm: true },
  { queue: 'supervised', title: '督办中', alarm: true },
  { queue: 'awaiting_rating', title: '待评价', alarm: false },
  { queue: 'awaiting_visit', title: '待回访', alarm: false },
  // 人民调解委员会: agreements signed by all, waiting for its seal (人民调解法 art. 29). Shown where there are any.
  { queue: 'awaiting_seal', title: '待盖章', alarm: false, onlyIfAny: true },
];

export function WorkCounts() {
  const counts = useQuery({
    queryKey: matterKeys.queueCounts,
    queryFn: ({ signal }) => fetchQueueCounts(signal),
  });
  return (
    <Card title="我的待办" data-testid="work-counts">
      {counts.isError ? (
        <Typography.Text type="danger">待办数量加载失败：{counts.error.message}</Typography.Text>
      ) : (
        <Row gutter={[16, 16]}>
          {tiles.map((t) => {
            const n = counts.data?.[t.queue];
            if (t.onlyIfAny && !n) return null;
            return (
              <Col key={t.queue} xs={12} sm={8} xl={4}>
                <Link to={`/matters?queue=${t.queue}`} data-testid={`work-count-${t.queue}`}>
                  <Statistic
                    title={t.title}
                    value={n ?? '—'}
                    suffix={n === undefined ? undefined : '件'}
                    loading={counts.isPending}
                    // Red only for late or chased work that is actually there: a zero is good news.
                    styles={{ content: { color: t.alarm && n ? '#c4281c' : undefined } }}
                  />
                </Link>
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}
