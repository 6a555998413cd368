/** Number → the matters behind it (masked summaries, newest first) → one matter on its own page. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { matterStatusLabels } from '../../../../core/domain/matters/model';
import { ensureSteppedUp } from '../../api/auth';
import { query } from '../../api/client';
import { type DashboardFilter, type DrillMeasure, dashboardKeys, fetchDrill } from '../../api/dashboard';
import { useWindowHeight } from '../../components/useWindowHeight';

export function DrillDrawer({
  filter,
  drill,
  onClose,
}: {
  filter: DashboardFilter;
  drill: { measure: DrillMeasure; title: string } | null;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const height = useWindowHeight();
  const q = useQuery({
    queryKey: dashboardKeys.drill(filter, drill?.measure ?? '', page),
    queryFn: ({ signal }) => fetchDrill(filter, drill!.measure, page, signal),
    enabled: !!drill,
  });
  return (
    <Drawer
      open={!!drill}
      onClose={() => {
        setPage(1);
        onClose();
      }}
      title={drill ? `${drill.title}：事项清单` : ''}
      width={Math.min(900, typeof window === 'undefined' ? 900 : window.innerWidth)}
      destroyOnHidden
    >
      {q.error ? <Alert type="error" showIcon message={q.error.message} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 640, y: Math.max(240, height - 220) }}
        columns={[
          {
            title: '编号',
            dataIndex: 'code',
            width: 170,
            render: (code: string, m) => <Link to={`/matters/${m.id}`}>{code}</Link>,
          },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: keyof typeof matterStatusLabels) => <Tag>{matterStatusLabels[s]}</Tag>,
          },
          { title: '地点', width: 140, render: (_, m) => [m.town, m.village].filter(Boolean).join(' ') },
          { title: '承办', width: 140, render: (_, m) => m.owner.name },
          { title: '登记时间', dataIndex: 'createdAt', width: 110, render: (t: string) => t.slice(0, 10) },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
          上一页
        </Button>
        <span>第 {page} 页</span>
        <Button disabled={!q.data?.hasMore} onClick={() => setPage((p) => p + 1)}>
          下一页
        </Button>
        {drill ? (
          // A plain link: the browser downloads the file with the session cookie; the server records the
          // export. An account with a second factor gives a fresh code first (the link cannot ask for it).
          <Button
            href={`/api/dashboard/matters.xlsx${query({ ...filter, measure: drill.measure })}`}
            download
            onClick={(e) => {
              const href = e.currentTarget.getAttribute('href');
              if (!href) return;
              e.preventDefault();
              ensureSteppedUp().then(
                () => window.location.assign(href),
                () => {
                  // Cancelled, or the code was refused: nothing to download.
                },
              );
            }}
          >
            导出 Excel（脱敏）
          </Button>
        ) : null}
      </Space>
    </Drawer>
  );
}
