/**
 * 警调 (issue 17): the 派出所's page. It hands a civil dispute met on a call to the mediation committee
 * of the place, and keeps the record of each handoff with what the mediation came to (agreement or
 * failure, and when) — the result returning to the police record.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { fetchPoliceRecord, linkedKeys, type PoliceReferral } from '../../api/linkedMediation';
import { PageSpin } from '../../components/PageSpin';
import { PoliceReferralForm } from './PoliceReferralForm';

function OutcomeTag({ r }: { r: PoliceReferral }) {
  if (!r.outcome) return <Tag>{r.statusLabel}</Tag>;
  return <Tag color={r.outcome === 'agreed' ? 'success' : 'warning'}>{r.outcomeLabel}</Tag>;
}

export function PoliceReferralsPage() {
  const q = useQuery({ queryKey: linkedKeys.record, queryFn: ({ signal }) => fetchPoliceRecord(signal) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        警调移交
      </Typography.Title>
      {q.isPending && <PageSpin />}
      {q.isError && <Alert type="error" showIcon title="警调台账加载失败" description={q.error.message} />}
      {q.data && q.data.villages.length > 0 && <PoliceReferralForm villages={q.data.villages} />}
      {q.data && (
        <Card size="small" title="警调台账">
          {q.data.items.length === 0 ? (
            <Empty description="暂无移交记录" />
          ) : (
            <List
              data-testid="police-record"
              dataSource={q.data.items}
              renderItem={(r) => (
                <List.Item key={r.matterId} data-testid={`police-record-${r.policeRecordNo}`}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{r.title}</span>
                        <OutcomeTag r={r} />
                      </Space>
                    }
                    description={
                      <>
                        <div>
                          警情编号 {r.policeRecordNo} · 事项编号 {r.matterCode}
                        </div>
                        <div>
                          移交{r.committee.name} · {new Date(r.handedAt).toLocaleString('zh-CN')}
                        </div>
                        {r.outcomeAt && (
                          <div>调解结果日期：{new Date(r.outcomeAt).toLocaleString('zh-CN')}</div>
                        )}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
