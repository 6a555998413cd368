import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { deliberationKeys, fetchPublicDecisions } from '../../api/deliberation';
import { PageSpin } from '../../components/PageSpin';
import { PublicCard } from './PublicCard';

/** 村务公开: the village's published decisions and how their tasks are getting on. No personal data. */
export function PublicDecisionsPage() {
  const [sp] = useSearchParams();
  const orgId = sp.get('orgId') ?? '';
  const q = useQuery({
    queryKey: deliberationKeys.publicDecisions(orgId),
    queryFn: ({ signal }) => fetchPublicDecisions(orgId, signal),
    enabled: !!orgId,
  });
  if (!orgId) return <Alert type="info" showIcon message="请扫描村（社区）公开栏上的二维码进入本页面。" />;
  if (q.isLoading) return <PageSpin />;
  if (q.isError || !q.data)
    return <Alert type="error" showIcon message={(q.error as Error)?.message ?? '加载失败'} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="public-decisions-org">
        {q.data.orgName} · 村务公开
      </Typography.Title>
      {q.data.items.length === 0 && <Empty description="暂无公开的议事决定" />}
      {q.data.items.map((d) => (
        <PublicCard key={d.meetingId} size="small" title={d.topic} data-testid="public-decision">
          <div style={{ color: '#5b6b7f', marginBottom: 8 }}>
            {d.bodyName} · {d.heldOn} 召开 · 到会成员 {d.attendance.members}/{d.attendance.seats} 人，现场群众{' '}
            {d.attendance.countedInRoom} 人
          </div>
          <List
            dataSource={d.items}
            renderItem={(it) => (
              <List.Item>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap size={4}>
                    <strong>{it.title}</strong>
                    <Tag color={it.outcome === '通过' ? 'green' : 'default'}>{it.outcome}</Tag>
                  </Space>
                  <div>
                    {it.method}
                    {it.votesFor !== null &&
                      `：赞成 ${it.votesFor}，反对 ${it.votesAgainst}，弃权 ${it.votesAbstain}`}
                  </div>
                  <div>理由：{it.reasoning}</div>
                  {it.tasks.map((t) => (
                    <div key={`${t.title}-${t.dueOn}`} data-testid="public-task">
                      落实：{t.title} · {t.ownerName} · {t.dueOn} 前 ·{' '}
                      <Tag color={t.done ? 'green' : 'blue'}>{t.progress}</Tag>
                      {t.overdue && <Tag color="red">已逾期</Tag>}
                    </div>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        </PublicCard>
      ))}
    </Space>
  );
}
