/**
 * 网格员队伍: the roster of the town or village — each worker's grids, contact (masked), status and
 * open follow-ups — and the hand-over dialog (请假/离职 → 同乡镇在岗网格员).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { workerStatusLabels } from '../../../../core/domain/workforce/status';
import type { ApiError } from '../../api/client';
import {
  fetchRoster,
  type HandoverBody,
  handOver,
  type RosterEntry,
  workforceKeys,
} from '../../api/workforce';
import { useCan } from '../../app/auth';

const statusColor = { active: 'green', on_leave: 'orange', left: 'default' } as const;

export function RosterPage() {
  const can = useCan();
  const roster = useQuery({ queryKey: workforceKeys.roster, queryFn: ({ signal }) => fetchRoster(signal) });
  const [leaving, setLeaving] = useState<RosterEntry | null>(null);
  const rows = roster.data ?? [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        网格员队伍
      </Typography.Title>
      {roster.error ? <Alert type="error" showIcon title={(roster.error as ApiError).message} /> : null}
      {/* On a phone the table scrolls sideways inside a region that takes the focus, as the assessment
          table does (axe scrollable-region-focusable): antd's own scroll box cannot be focused. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll box must take the focus to be scrolled by keyboard (WCAG 2.1.1) */}
      <section aria-label="网格员花名册" tabIndex={0} style={{ overflowX: 'auto' }}>
        <div style={{ minWidth: 800 }}>
          <Table<RosterEntry>
            rowKey="userId"
            loading={roster.isLoading}
            dataSource={rows}
            pagination={false}
            data-testid="roster"
            columns={[
              { title: '姓名', dataIndex: 'displayName' },
              { title: '所属村（社区）', render: (_, r) => r.org.name },
              { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
              {
                title: '状态',
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <Tag color={statusColor[r.status]}>{workerStatusLabels[r.status]}</Tag>
                    {r.handedTo ? (
                      <Typography.Text type="secondary">已交接给 {r.handedTo.name}</Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              {
                title: '所管网格',
                render: (_, r) => (r.grids.length ? r.grids.map((g) => g.name).join('、') : '—'),
              },
              { title: '跟进中事项', dataIndex: 'openFollowUps' },
              ...(can('workforce.manage')
                ? [
                    {
                      title: '操作',
                      render: (_: unknown, r: RosterEntry) =>
                        r.status === 'active' ? (
                          <Button size="small" onClick={() => setLeaving(r)}>
                            请假/离职交接
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </div>
      </section>
      {leaving ? (
        <HandoverDialog
          leaver={leaving}
          colleagues={rows.filter((r) => r.status === 'active' && r.userId !== leaving.userId)}
          onClose={() => setLeaving(null)}
        />
      ) : null}
    </Space>
  );
}

function HandoverDialog({
  leaver,
  colleagues,
  onClose,
}: {
  leaver: RosterEntry;
  colleagues: RosterEntry[];
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<HandoverBody>();
  const save = useMutation({
    mutationFn: (body: HandoverBody) => handOver(leaver.userId, body),
    onSuccess: (res) => {
      void message.success(
        `已交接：${res.gridsHanded} 个网格、${res.followUpsHanded} 件跟进事项交给 ${res.colleague.displayName}`,
      );
      void qc.invalidateQueries({ queryKey: workforceKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${leaver.displayName} 请假/离职交接`}
      okText="确认交接"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>
        其所管网格（{leaver.grids.map((g) => g.name).join('、') || '无'}）和 {leaver.openFollowUps}{' '}
        件未办结的跟进事项将一并交给接收人；离职的还将取消其网格员角色。
      </p>
      {save.error ? <Alert type="error" showIcon title={(save.error as ApiError).message} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: 'on_leave' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="status" label="交接原因类型" rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="on_leave">请假</Radio>
            <Radio value="left">离职</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="toUserId" label="接收人" rules={[{ required: true, message: '请选择接收人' }]}>
          <Select
            data-testid="handover-to"
            placeholder="同乡镇在岗网格员"
            options={colleagues.map((c) => ({ value: c.userId, label: `${c.displayName}（${c.org.name}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="说明"
          rules={[{ required: true, min: 2, message: '请填写交接原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
