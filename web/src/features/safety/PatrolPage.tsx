/**
 * 联防排班: every unit's own patrol shifts, reported done or missed with only the outcomes the core
 * table allows; for a center's leader also its rosters, each with its shifts' state, and making one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Collapse, Empty, Form, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { shiftOutcomeLabels } from '../../../../core/domain/safety/patrol-shift';
import {
  fetchRoster,
  fetchRosters,
  fetchShifts,
  reportShift,
  type ShiftView,
  safetyKeys,
} from '../../api/safety';
import { useCan } from '../../app/auth';
import { PageSpin } from '../../components/PageSpin';
import { RosterForm } from './RosterForm';
import { ShiftCard } from './ShiftCard';

type Scope = 'open' | 'today' | 'all';

export function PatrolPage() {
  const can = useCan();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        联防排班
      </Typography.Title>
      <MyShifts />
      {can('dispatch.convene') && <Rosters />}
    </Space>
  );
}

function MyShifts() {
  const [scope, setScope] = useState<Scope>('open');
  const [acting, setActing] = useState<{ shift: ShiftView; outcome: 'done' | 'missed' } | null>(null);
  const list = useQuery({
    queryKey: safetyKeys.shifts(scope),
    queryFn: ({ signal }) => fetchShifts(scope, signal),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="my-shifts">
      <Typography.Title level={4} style={{ margin: 0 }}>
        本单位班次
      </Typography.Title>
      <Segmented<Scope>
        value={scope}
        onChange={setScope}
        options={[
          { value: 'open', label: '待报告' },
          { value: 'today', label: '今日' },
          { value: 'all', label: '全部' },
        ]}
      />
      {list.isPending && <PageSpin />}
      {list.isError && <Alert type="error" showIcon title="班次加载失败" description={list.error.message} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty description="暂无班次" />
        ) : (
          list.data.items.map((s) => (
            <ShiftCard
              key={s.id}
              shift={s}
              actions={s.allowedOutcomes.map((o) => (
                <Button
                  key={o}
                  type="link"
                  danger={o === 'missed'}
                  onClick={() => setActing({ shift: s, outcome: o })}
                >
                  {shiftOutcomeLabels[o]}
                </Button>
              ))}
            />
          ))
        ))}
      {acting && <ReportDialog {...acting} onClose={() => setActing(null)} />}
    </Space>
  );
}

function ReportDialog({
  shift,
  outcome,
  onClose,
}: {
  shift: ShiftView;
  outcome: 'done' | 'missed';
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const mutation = useMutation({
    mutationFn: ({ note }: { note: string }) => reportShift(shift.id, outcome, note.trim()),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: safetyKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${shiftOutcomeLabels[outcome]}：${shift.date}`}
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="note"
          label={outcome === 'done' ? '巡逻情况' : '未巡逻原因'}
          rules={[{ required: true, min: 2, message: '请写明情况（至少 2 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}

function Rosters() {
  const [making, setMaking] = useState(false);
  const list = useQuery({ queryKey: safetyKeys.rosters, queryFn: ({ signal }) => fetchRosters(signal) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="rosters">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          本中心联防排班
        </Typography.Title>
        <Button type="primary" onClick={() => setMaking(true)}>
          制定排班
        </Button>
      </Space>
      {list.isError && <Alert type="error" showIcon title="排班加载失败" description={list.error.message} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty description="还没有排班" />
        ) : (
          <Collapse
            items={list.data.items.map((r) => ({
              key: r.id,
              label: (
                <Space wrap size={4}>
                  <span>{r.title}</span>
                  <Tag>{r.periodLabel}</Tag>
                  <Typography.Text type="secondary">
                    {r.startDate} 至 {r.endDate} · 已巡逻 {r.counts.done} · 待巡逻 {r.counts.scheduled} ·
                    逾期未报 {r.counts.unreported} · 未巡逻 {r.counts.missed}
                  </Typography.Text>
                </Space>
              ),
              children: <RosterShifts id={r.id} jointTask={r.jointTask?.title ?? null} />,
            }))}
          />
        ))}
      {making && <RosterForm onClose={() => setMaking(false)} />}
    </Space>
  );
}

function RosterShifts({ id, jointTask }: { id: string; jointTask: string | null }) {
  const roster = useQuery({
    queryKey: [...safetyKeys.rosters, id],
    queryFn: ({ signal }) => fetchRoster(id, signal),
  });
  if (roster.isPending) return <PageSpin />;
  if (roster.isError) return <Alert type="error" showIcon title={roster.error.message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {jointTask && <Typography.Text>落实调度会联合任务：{jointTask}</Typography.Text>}
      {roster.data.shifts.map((s) => (
        <ShiftCard key={s.id} shift={s} />
      ))}
    </Space>
  );
}
