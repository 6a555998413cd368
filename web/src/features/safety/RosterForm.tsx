/**
 * Making a roster: its name, week or month and first day, then shifts added one by one — date and
 * times, the villages and/or a named route, the unit (the town's stations and villages, or a district
 * department) and the people on it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, List, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { NewRoster } from '../../api/safety';
import { createRoster, fetchUnitOptions, safetyKeys } from '../../api/safety';

type NewShift = NewRoster['shifts'][number];

interface ShiftFields {
  date: string;
  from: string;
  to: string;
  unitOrgId: string;
  villageIds?: string[];
  route?: string;
  members?: string;
}

export function RosterForm({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; period: 'week' | 'month'; startDate: string }>();
  const [shiftForm] = Form.useForm<ShiftFields>();
  const [shifts, setShifts] = useState<NewShift[]>([]);
  const options = useQuery({
    queryKey: safetyKeys.options,
    queryFn: ({ signal }) => fetchUnitOptions(signal),
  });
  const items = options.data?.items ?? [];
  const nameOf = (id: string) => items.find((i) => i.org.id === id)?.org.name ?? id;
  const mutation = useMutation({
    mutationFn: (body: NewRoster) => createRoster(body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: safetyKeys.all });
      onClose();
    },
  });
  const addShift = (v: ShiftFields) => {
    setShifts((s) => [
      ...s,
      {
        date: v.date,
        from: v.from,
        to: v.to,
        unitOrgId: v.unitOrgId,
        villageIds: v.villageIds ?? [],
        route: v.route?.trim() ?? '',
        members: (v.members ?? '')
          .split(/[，,、\s]+/)
          .map((m) => m.trim())
          .filter(Boolean),
      },
    ]);
    shiftForm.resetFields(['villageIds', 'route', 'members', 'unitOrgId']);
  };
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Modal
      open
      width={720}
      title="制定联防排班"
      okText="保存排班"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: shifts.length === 0 }}
      confirmLoading={mutation.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ period: 'week', startDate: today }}
        onFinish={(v) => mutation.mutate({ ...v, jointTaskId: null, shifts })}
      >
        <Form.Item
          name="title"
          label="排班名称"
          rules={[{ required: true, min: 2, message: '请填写排班名称' }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="period" label="周期">
            <Radio.Group
              options={[
                { value: 'week', label: '周排班' },
                { value: 'month', label: '月排班' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="startDate"
            label="起始日期"
            rules={[{ required: true, message: '请填写起始日期' }]}
          >
            <Input type="date" />
          </Form.Item>
        </Space>
      </Form>
      <Typography.Title level={5}>班次（{shifts.length}）</Typography.Title>
      <List
        size="small"
        dataSource={shifts}
        locale={{ emptyText: '请在下方添加班次' }}
        renderItem={(s, i) => (
          <List.Item
            actions={[
              <Button
                key="x"
                type="link"
                danger
                onClick={() => setShifts((l) => l.filter((_, j) => j !== i))}
              >
                删除
              </Button>,
            ]}
          >
            {s.date} {s.from}–{s.to} · {nameOf(s.unitOrgId)} ·{' '}
            {[...(s.villageIds ?? []).map(nameOf), s.route].filter(Boolean).join('、')}
            {(s.members ?? []).length > 0 && ` · ${(s.members ?? []).join('、')}`}
          </List.Item>
        )}
      />
      <Form
        form={shiftForm}
        layout="vertical"
        data-testid="shift-form"
        initialValues={{ date: today, from: '20:00', to: '22:00' }}
        onFinish={addShift}
        style={{ marginTop: 12 }}
      >
        <Space wrap>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="from" label="开始" rules={[{ required: true, message: '请填写开始时间' }]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="to" label="结束" rules={[{ required: true, message: '请填写结束时间' }]}>
            <Input type="time" />
          </Form.Item>
        </Space>
        <Form.Item name="unitOrgId" label="值班单位" rules={[{ required: true, message: '请选择值班单位' }]}>
          <Select
            data-testid="shift-unit"
            showSearch
            optionFilterProp="label"
            loading={options.isPending}
            options={items.map((i) => ({
              value: i.org.id,
              label: i.inside ? i.org.name : `${i.org.name}（区直）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="villageIds" label="巡逻村（社区）">
          <Select
            data-testid="shift-villages"
            mode="multiple"
            optionFilterProp="label"
            options={items
              .filter((i) => i.org.kind === 'village')
              .map((i) => ({ value: i.org.id, label: i.org.name }))}
          />
        </Form.Item>
        <Form.Item name="route" label="巡逻路线（可选）">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="members" label="人员（网格员、平安志愿者等，用顿号分隔）">
          <Input maxLength={300} />
        </Form.Item>
        <Button onClick={() => shiftForm.submit()}>添加班次</Button>
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon title={mutation.error.message} style={{ marginTop: 12 }} />
      )}
    </Modal>
  );
}
