import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { ChainVerify, EventView } from '../../../../core/contracts/events';
import { type Role, roleLabels } from '../../../../core/domain/roles';
import { type EventListParams, eventKeys, listEvents, verifyChain } from '../../api/events';
import { useCan } from '../../app/auth';
import { useReportError } from '../../components/useReportError';
import { actionLabels, objectTypeLabels } from './labels';

const resultTags: Record<EventView['result'], { color: string; label: string }> = {
  ok: { color: 'green', label: '成功' },
  denied: { color: 'orange', label: '拒绝' },
  failed: { color: 'red', label: '失败' },
};

function roleText(role: string | null): string {
  if (!role) return '—';
  return role in roleLabels ? roleLabels[role as Role] : role;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  return (
    <pre
      style={{
        margin: 0,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        fontSize: 12,
        maxHeight: 240,
        overflow: 'auto',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function VerifyResult({ result }: { result: ChainVerify }) {
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title="哈希链完整"
        description={`已校验 ${result.checked} 条封存记录，未发现篡改；另有 ${result.unsealed} 条记录尚未封存。`}
        data-testid="chain-verify-result"
      />
    );
  }
  const b = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      title="哈希链校验未通过"
      description={
        <div>
          <div>
            已校验 {result.checked} 条，另有 {result.unsealed} 条尚未封存。
          </div>
          {b && (
            <div>
              首个断点：县（区）{b.countyCode} 链序号 {b.chainNo}
              {b.eventId ? `（事件 ${b.eventId}）` : ''}：{b.problem}
            </div>
          )}
        </div>
      }
      data-testid="chain-verify-result"
    />
  );
}

interface Filters {
  action?: string;
  objectType?: string;
  objectId?: string;
}

export function AuditPage() {
  const can = useCan();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const params: EventListParams = { page, pageSize, ...filters };
  const list = useQuery({
    queryKey: eventKeys.list(params),
    queryFn: ({ signal }) => listEvents(params, signal),
    placeholderData: keepPreviousData,
  });

  const verify = useMutation({ mutationFn: verifyChain, onError: (e) => report(e, '校验失败') });

  const columns: ColumnsType<EventView> = [
    {
      title: '时间',
      dataIndex: 'at',
      width: 170,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: '操作人', dataIndex: 'actorName', width: 110, render: (v: string | null) => v ?? '系统' },
    { title: '角色', dataIndex: 'actorRole', width: 110, render: (v: string | null) => roleText(v) },
    {
      title: '动作',
      dataIndex: 'action',
      width: 170,
      render: (v: string) => (
        <span>
          {actionLabels[v] ?? v}
          {actionLabels[v] && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {v}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: '对象',
      key: 'object',
      width: 220,
      render: (_v, e) => (
        <span>
          {objectTypeLabels[e.objectType] ?? e.objectType}
          {e.objectId && (
            <Typography.Text
              type="secondary"
              copyable={{ text: e.objectId }}
              style={{ display: 'block', fontSize: 12 }}
            >
              {e.objectId}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 80,
      render: (v: EventView['result']) => <Tag color={resultTags[v].color}>{resultTags[v].label}</Tag>,
    },
    {
      title: '请求编号',
      dataIndex: 'requestId',
      width: 160,
      render: (v: string | null) =>
        v ? (
          <Typography.Text copyable style={{ fontSize: 12 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '已封存',
      dataIndex: 'sealed',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="blue">已封存</Tag> : <Tag>未封存</Tag>),
    },
  ];

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        审计日志
      </Typography.Title>
      <Card size="small">
        <Form<Filters>
          form={form}
          layout="inline"
          onFinish={(v) => {
            setFilters({
              action: v.action?.trim() || undefined,
              objectType: v.objectType?.trim() || undefined,
              objectId: v.objectId?.trim() || undefined,
            });
            setPage(1);
          }}
          aria-label="筛选审计日志"
          style={{ rowGap: 8, marginBottom: 12 }}
        >
          <Form.Item label="动作" name="action">
            <AutoComplete
              allowClear
              placeholder="如 auth.login"
              maxLength={64}
              style={{ width: 180 }}
              options={Object.entries(actionLabels).map(([value, label]) => ({
                value,
                label: `${label}（${value}）`,
              }))}
              showSearch={{
                filterOption: (input, option) =>
                  Boolean(
                    option && `${option.value}${option.label}`.toLowerCase().includes(input.toLowerCase()),
                  ),
              }}
            />
          </Form.Item>
          <Form.Item label="对象类型" name="objectType">
            <AutoComplete
              allowClear
              placeholder="如 user"
              maxLength={32}
              style={{ width: 140 }}
              options={Object.entries(objectTypeLabels).map(([value, label]) => ({
                value,
                label: `${label}（${value}）`,
              }))}
            />
          </Form.Item>
          <Form.Item label="对象编号" name="objectId">
            <Input allowClear maxLength={64} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                  setPage(1);
                }}
              >
                重置
              </Button>
              <Button
                icon={<ReloadOutlined aria-hidden />}
                aria-label="刷新列表"
                onClick={() => void queryClient.invalidateQueries({ queryKey: eventKeys.all })}
              />
              {can('audit.verify') && (
                <Button
                  icon={<SafetyCertificateOutlined aria-hidden />}
                  loading={verify.isPending}
                  onClick={() => verify.mutate()}
                  data-testid="chain-verify"
                >
                  校验哈希链
                </Button>
              )}
            </Space>
          </Form.Item>
        </Form>

        {verify.data && (
          <div style={{ marginBottom: 12 }}>
            <VerifyResult result={verify.data} />
          </div>
        )}
        {list.isError && (
          <Alert
            type="error"
            showIcon
            title="审计日志加载失败"
            description={list.error.message}
            style={{ marginBottom: 12 }}
          />
        )}

        <Table<EventView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          locale={{ emptyText: list.isPending ? '正在加载…' : '没有符合条件的记录' }}
          expandable={{
            expandedRowRender: (e) => (
              <Descriptions
                size="small"
                column={1}
                bordered
                items={[
                  { key: 'reason', label: '原因', children: e.reason ?? '—' },
                  { key: 'ip', label: 'IP 地址', children: e.ip ?? '—' },
                  { key: 'org', label: '操作人组织', children: e.actorOrgId ?? '—' },
                  { key: 'before', label: '变更前', children: <Json value={e.before} /> },
                  { key: 'after', label: '变更后', children: <Json value={e.after} /> },
                ]}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, ps) => {
              setPage(ps === pageSize ? p : 1);
              setPageSize(ps);
            },
          }}
          data-testid="audit-table"
        />
      </Card>
    </div>
  );
}
