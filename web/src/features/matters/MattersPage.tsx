import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Input,
  List,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { identityTermOf, type MatterSummary, matterQueues } from '../../../../core/contracts/matters';
import { maskIdNumber, maskPhone } from '../../../../core/domain/masking';
import {
  type MatterKind,
  type MatterStatus,
  matterKindLabels,
  matterKinds,
  matterStatuses,
  matterStatusLabels,
} from '../../../../core/domain/matters/model';
import { fetchGrid } from '../../api/grids';
import {
  fetchQueueCounts,
  listMatters,
  type MatterListParams,
  type MatterQueue,
  matterKeys,
  searchMattersByIdentity,
} from '../../api/matters';
import { useMe } from '../../app/auth';
import { KindTag, ProvisionalTag, Remaining, RiskTag, StatusTag } from './tags';

export const queueLabels: Record<MatterQueue, string> = {
  all: '全部',
  mine: '我办理的',
  org: '本单位',
  incoming: '待签收/受理',
  due_today: '今日到期',
  due_soon: '即将到期',
  overdue: '已超期',
  supervised: '督办中',
  awaiting_rating: '待评价',
  awaiting_visit: '待回访',
  awaiting_seal: '待盖章',
};

/** Queues whose matters are late or being chased: their count is red, but never a zero. */
const alarmQueues = new Set<MatterQueue>(['overdue', 'supervised', 'due_today']);

function isOneOf<T extends string>(list: readonly T[], v: string | null): v is T {
  return v !== null && (list as readonly string[]).includes(v);
}

/** The queue, filters and page live in the address, so the back button returns to the same list. */
function useListParams(): [MatterListParams, (patch: Partial<MatterListParams>) => void] {
  const [sp, setSp] = useSearchParams();
  const queue = sp.get('queue');
  const kind = sp.get('kind');
  const status = sp.get('status');
  const params: MatterListParams = {
    queue: isOneOf(matterQueues, queue) ? queue : 'all',
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20)),
    q: sp.get('q') || undefined,
    kind: isOneOf(matterKinds, kind) ? kind : undefined,
    status: isOneOf(matterStatuses, status) ? status : undefined,
    gridId: sp.get('gridId') || undefined,
  };
  const update = (patch: Partial<MatterListParams>) => {
    const next = { ...params, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '' || (k === 'queue' && v === 'all') || (k === 'page' && v === 1))
        continue;
      if (k === 'pageSize' && v === 20) continue;
      out.set(k, String(v));
    }
    setSp(out, { replace: true });
  };
  return [params, update];
}

/** On a phone a table of nine columns scrolls sideways: one card per matter reads better. */
function MatterCards({
  items,
  loading,
  empty,
  pagination,
}: {
  items: MatterSummary[];
  loading: boolean;
  empty: string;
  pagination: { current: number; pageSize: number; total: number; onChange: (p: number) => void };
}) {
  return (
    <List<MatterSummary>
      dataSource={items}
      loading={loading}
      locale={{ emptyText: empty }}
      data-testid="matter-table"
      pagination={{ ...pagination, size: 'small', showSizeChanger: false, align: 'center' }}
      renderItem={(m) => (
        <List.Item key={m.id} style={{ padding: '10px 0' }}>
          <div style={{ width: '100%' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Link to={`/matters/${m.id}`} data-testid={`matter-link-${m.code}`}>
                {m.code}
              </Link>
              <StatusTag status={m.status} />
            </div>
            <div style={{ fontWeight: 500, margin: '2px 0' }}>
              {m.title}
              {m.urgent && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  紧急
                </Tag>
              )}
              {m.supervised && <Tag color="magenta">督办</Tag>}
            </div>
            <div style={{ fontSize: 13, color: '#5b6b7f' }}>
              <RiskTag grade={m.riskGrade} />
              {matterKindLabels[m.kind]} · {m.categoryName} · {m.owner.name}
            </div>
            {m.nextDue && (
              <div style={{ fontSize: 13 }}>
                {m.nextDue.label}：
                <Remaining state={m.nextDue.state} remaining={m.nextDue.remaining} />{' '}
                <ProvisionalTag note={m.nextDue.provisionalNote} />
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}

export function MattersPage() {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, update] = useListParams();
  // A phone or ID number typed into the search box is looked up by POST (docs/SECURITY.md G6): it
  // never goes into the address bar, the history or a server log, and it is not kept in the page.
  const [identityTerm, setIdentityTerm] = useState<string | null>(null);
  const byQueue = useQuery({
    queryKey: matterKeys.list(params),
    queryFn: ({ signal }) => listMatters(params, signal),
    placeholderData: keepPreviousData,
    enabled: identityTerm === null,
  });
  const byIdentity = useQuery({
    queryKey: [...matterKeys.all, 'identity', identityTerm],
    queryFn: ({ signal }) => searchMattersByIdentity(identityTerm!, signal),
    enabled: identityTerm !== null,
    gcTime: 0,
  });
  const list = identityTerm === null ? byQueue : byIdentity;
  // Opened from the dashboard's density map: one grid's matters. Its name for the note.
  const grid = useQuery({
    queryKey: ['grids', 'detail', params.gridId],
    queryFn: ({ signal }) => fetchGrid(params.gridId!, signal),
    enabled: !!params.gridId,
    staleTime: 3_600_000,
  });
  // Under matterKeys.all, so an action or a refresh that invalidates the lists recounts the tabs.
  const counts = useQuery({
    queryKey: matterKeys.queueCounts,
    queryFn: ({ signal }) => fetchQueueCounts(signal),
  });

  // Laid out for 1366 and 1920 px: the deadline sits beside the status, and the columns a clerk
  // needs least (类别, 登记时间) appear only on wide screens (xxl, 1600 px and up).
  const columns: ColumnsType<MatterSummary> = [
    {
      title: '事项编号',
      dataIndex: 'code',
      width: 170,
      fixed: 'left',
      render: (code: string, m) => (
        <Link to={`/matters/${m.id}`} data-testid={`matter-link-${code}`}>
          {code}
        </Link>
      ),
    },
    {
      title: '标题',
      dataIndex: 'title',
      // No fixed width: the title takes what the other columns leave, so 下一期限 is never pushed off.
      minWidth: 180,
      render: (title: string, m) => (
        <span>
          {title}
          {m.urgent && (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              紧急
            </Tag>
          )}
          {m.collective && <Tag color="volcano">集体</Tag>}
          {m.supervised && <Tag color="magenta">督办</Tag>}
        </span>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 100, render: (s: MatterStatus) => <StatusTag status={s} /> },
    {
      title: '下一期限',
      key: 'nextDue',
      width: 180,
      render: (_v, m) =>
        m.nextDue ? (
          <span>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {m.nextDue.label}
            </Typography.Text>
            <Remaining
              state={m.nextDue.state}
              remaining={m.nextDue.remaining}
              explanation={m.nextDue.explanation}
            />{' '}
            <ProvisionalTag note={m.nextDue.provisionalNote} />
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 100,
      responsive: ['md'],
      render: (k: MatterKind) => <KindTag kind={k} />,
    },
    {
      title: '风险',
      dataIndex: 'riskGrade',
      width: 76,
      responsive: ['md'],
      render: (_v, m) => <RiskTag grade={m.riskGrade} />,
    },
    {
      title: '责任单位',
      key: 'owner',
      width: 170,
      responsive: ['lg'],
      render: (_v, m) => (
        <span>
          {m.owner.name}
          {m.pendingOrg && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              待 {m.pendingOrg.name} 签收
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: '类别', dataIndex: 'categoryName', width: 120, responsive: ['xxl'] },
    {
      title: '登记时间',
      dataIndex: 'createdAt',
      width: 140,
      responsive: ['xxl'],
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    // 待盖章: the committee opens the agreement to apply its seal (the 盖章 button beside the signatures).
    ...(params.queue === 'awaiting_seal'
      ? [
          {
            title: '操作',
            key: 'seal',
            width: 96,
            render: (_v: unknown, m: MatterSummary) => (
              <Link to={`/matters/${m.id}#agreement`} data-testid={`seal-${m.code}`}>
                <Button type="primary" size="small">
                  去盖章
                </Button>
              </Link>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }} align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          事项办理
        </Typography.Title>
        {me.permissions.includes('matter.intake') && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/matters/new')}
            data-testid="matter-new"
          >
            登记事项
          </Button>
        )}
      </Space>
      <Card size="small" style={{ marginTop: 12 }}>
        <Tabs
          activeKey={params.queue}
          onChange={(k) => update({ queue: k as MatterQueue, page: 1 })}
          items={matterQueues.map((q) => ({
            key: q,
            label: (
              <span data-testid={`queue-${q}`} data-count={counts.data?.[q]}>
                {queueLabels[q]}
                {counts.data && (
                  <Badge
                    count={counts.data[q]}
                    showZero
                    overflowCount={99999}
                    color={alarmQueues.has(q) && counts.data[q] > 0 ? '#c4281c' : '#5b6b7f'}
                    style={{ marginInlineStart: 6, boxShadow: 'none' }}
                    data-testid={`queue-count-${q}`}
                    title={`${counts.data[q]} 件`}
                  />
                )}
              </span>
            ),
          }))}
          aria-label="事项队列"
          size="small"
        />
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            key={identityTerm === null ? (params.q ?? '') : 'identity'}
            allowClear
            defaultValue={identityTerm === null ? params.q : undefined}
            placeholder="编号、标题、手机号、身份证号"
            aria-label="按编号、标题、当事人手机号或身份证号搜索事项"
            enterButton="搜索"
            maxLength={50}
            onSearch={(v) => {
              const term = identityTermOf(v);
              setIdentityTerm(term);
              update({ q: term ? undefined : v.trim() || undefined, page: 1 });
            }}
            style={{ width: isPhone ? '100%' : 260 }}
            data-testid="matter-search"
          />
          <Select<MatterKind>
            allowClear
            placeholder="事项类型"
            aria-label="按事项类型筛选"
            value={params.kind}
            onChange={(v) => update({ kind: v, page: 1 })}
            options={matterKinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
            style={{ width: isPhone ? 140 : 150 }}
          />
          <Select<MatterStatus>
            allowClear
            placeholder="办理状态"
            aria-label="按办理状态筛选"
            value={params.status}
            onChange={(v) => update({ status: v, page: 1 })}
            options={matterStatuses.map((s) => ({ value: s, label: matterStatusLabels[s] }))}
            style={{ width: isPhone ? 140 : 150 }}
          />
          <Button
            icon={<ReloadOutlined aria-hidden />}
            aria-label="刷新列表"
            onClick={() => void queryClient.invalidateQueries({ queryKey: matterKeys.all })}
          />
        </Space>
        {params.gridId && identityTerm === null && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`网格：${grid.data ? `${grid.data.town.name}${grid.data.village.name} ${grid.data.name}` : '所选网格'}，共 ${list.data?.total ?? 0} 件（本辖区内）`}
            action={
              <Button
                size="small"
                onClick={() => update({ gridId: undefined, page: 1 })}
                data-testid="grid-filter-clear"
              >
                全部网格
              </Button>
            }
            data-testid="grid-filter-note"
          />
        )}
        {identityTerm !== null && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`按当事人号码查找：${identityTerm.length === 11 ? maskPhone(identityTerm) : maskIdNumber(identityTerm)}，共 ${list.data?.total ?? 0} 件（本辖区内，最多 50 件）`}
            action={
              <Button size="small" onClick={() => setIdentityTerm(null)} data-testid="identity-search-clear">
                返回列表
              </Button>
            }
            data-testid="identity-search-note"
          />
        )}
        {list.isError && (
          <Alert
            type="error"
            showIcon
            title="事项列表加载失败"
            description={list.error.message}
            style={{ marginBottom: 12 }}
          />
        )}
        {isPhone ? (
          <MatterCards
            items={list.data?.items ?? []}
            loading={list.isFetching}
            empty={list.isPending ? '正在加载…' : '该队列中没有事项'}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              onChange: (p) => update({ page: p }),
            }}
          />
        ) : (
          <Table<MatterSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            // An empty table needs no sideways scrolling: a scroll region with nothing to focus
            // would be out of a keyboard user's reach (axe scrollable-region-focusable).
            scroll={list.data?.items.length ? { x: 900 } : undefined}
            locale={{ emptyText: list.isPending ? '正在加载…' : '该队列中没有事项' }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (t) => `共 ${t} 件`,
              onChange: (p, ps) => update({ page: ps === params.pageSize ? p : 1, pageSize: ps }),
            }}
            data-testid="matter-table"
          />
        )}
      </Card>
    </div>
  );
}
