import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { fetchRegion, type RegionOverview, type RegionQuery, regionKeys } from '../../api/region';
import { ratioText } from './board-data';

type Row = RegionOverview['counties'][number];

/** The rates a 市/省 leader compares county by county (core/domain/kpi's keys). */
const shownKpis = [
  ['resolvedRate', '化解率'],
  ['onTimeRate', '按期办结率'],
  ['satisfactionRate', '满意率'],
  ['bothResolvedRate', '事心双结率'],
] as const;

const kpi = (r: Pick<Row, 'kpis'>, key: string) => {
  const k = r.kpis.find((x) => x.key === key);
  return k ? ratioText(k.value) : '—';
};

/** 市/省级总览: each county of the city or province side by side (aggregates only). */
export function RegionPage() {
  const [scope, setScope] = useState<RegionQuery['scope']>('city');
  const q = useQuery({
    queryKey: regionKeys.overview({ scope }),
    queryFn: ({ signal }) => fetchRegion({ scope }, signal),
  });
  const data = q.data;
  const columns = [
    { title: '县（区）', dataIndex: 'name', key: 'name' },
    { title: '受理量', key: 'intake', render: (_: unknown, r: Row) => r.counters.intake ?? 0 },
    { title: '办结量', key: 'done', render: (_: unknown, r: Row) => r.counters.done ?? 0 },
    ...shownKpis.map(([key, title]) => ({ title, key, render: (_: unknown, r: Row) => kpi(r, key) })),
  ];
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap', marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {scope === 'city' ? '全市总览' : '全省总览'}
          {data ? `：${data.name}` : ''}
        </Typography.Title>
        <Segmented
          aria-label="范围"
          value={scope}
          onChange={(v) => setScope(v as RegionQuery['scope'])}
          options={[
            { label: '全市', value: 'city' },
            { label: '全省', value: 'province' },
          ]}
        />
      </Space>
      {q.isError && <Alert type="error" showIcon message="总览没有加载出来，请稍后刷新重试。" />}
      <Card>
        {data && (
          <Typography.Paragraph type="secondary">
            {data.period.from} 至 {data.period.to}，各县（区）的汇总数；比率按各县（区）件数合计计算。
          </Typography.Paragraph>
        )}
        <Table<Row>
          rowKey="code"
          size="middle"
          loading={q.isLoading}
          dataSource={data?.counties ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{data.total.counters.intake ?? 0}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{data.total.counters.done ?? 0}</Table.Summary.Cell>
                {shownKpis.map(([key], i) => (
                  <Table.Summary.Cell key={key} index={3 + i}>
                    {kpi(data.total, key)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </div>
  );
}
