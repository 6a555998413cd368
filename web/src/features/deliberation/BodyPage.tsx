import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Tag } from 'antd';
import { useParams } from 'react-router';
import { positionLabels, seatingLabels } from '../../../../core/domain/deliberation/model';
import { deliberationKeys, fetchBody } from '../../api/deliberation';
import { PageSpin } from '../../components/PageSpin';

/** A body with its seats: who holds them, in which position, how they got them, and for which term. */
export function BodyPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: deliberationKeys.body(id), queryFn: ({ signal }) => fetchBody(id, signal) });
  if (q.isLoading) return <PageSpin />;
  if (q.isError || !q.data)
    return <Alert type="error" showIcon message={(q.error as Error)?.message ?? '加载失败'} />;
  const b = q.data;
  return (
    <Card title={<span data-testid="body-name">{b.name}</span>} extra={<Tag>{b.kindLabel}</Tag>}>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label="所属">{b.org.name}</Descriptions.Item>
        <Descriptions.Item label="届期">{`${b.termStart} 至 ${b.termEnd}`}</Descriptions.Item>
      </Descriptions>
      <List
        header={`成员（${b.members.length} 人）`}
        dataSource={b.members}
        locale={{ emptyText: '暂无成员' }}
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={
                <span>
                  {m.name} <Tag>{positionLabels[m.position]}</Tag>
                  {m.hasAccount && <Tag color="blue">有账号</Tag>}
                </span>
              }
              description={`${seatingLabels[m.seatedBy]} · 任期 ${m.termStart} 至 ${m.termEnd}${m.phone ? ` · ${m.phone}` : ''}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
