/**
 * 治未病 on a warning: the measures decided against it (what, who, by when, for which villages or
 * groups), their progress to done, and the indicator that raised the warning before and after.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  addMeasure,
  completeMeasure,
  dispatchKeys,
  fetchParticipantOptions,
  fetchWarningMeasures,
  type MeasureView,
} from '../../api/dispatch';
import { searchOrgs } from '../../api/orgs';
import { useMe } from '../../app/auth';

export function WarningMeasures({ warningId }: { warningId: string }) {
  const [adding, setAdding] = useState(false);
  const [completing, setCompleting] = useState<MeasureView | null>(null);
  const q = useQuery({
    queryKey: dispatchKeys.measures(warningId),
    queryFn: ({ signal }) => fetchWarningMeasures(warningId, signal),
  });
  if (!q.data) return null;
  const { measures, effect, mayAdd } = q.data;
  return (
    <div style={{ marginTop: 12 }} data-testid={`measures-${warningId}`}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>治未病措施（{measures.length} 项）</Typography.Text>
        {mayAdd && (
          <Button size="small" onClick={() => setAdding(true)}>
            部署措施
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }} data-testid="effect">
        {effect.indicator}：{effect.summary}
      </Typography.Paragraph>
      {measures.length > 0 && (
        <List
          size="small"
          dataSource={measures}
          renderItem={(m) => (
            <List.Item
              key={m.id}
              actions={
                m.mayComplete
                  ? [
                      <Button key="done" size="small" type="link" onClick={() => setCompleting(m)}>
                        已落实
                      </Button>,
                    ]
                  : undefined
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{m.action}</span>
                    <Tag color={m.status === 'done' ? 'success' : m.overdue ? 'red' : 'processing'}>
                      {m.statusLabel}
                    </Tag>
                  </Space>
                }
                description={
                  <>
                    {m.responsible.name} {m.responsiblePerson} · 限 {m.dueDate} 前 · 针对：
                    {[...m.villages.map((v) => v.name), m.groups].filter(Boolean).join('、')}
                    {m.result && <div>落实情况：{m.result}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {adding && <AddMeasureDialog warningId={warningId} onClose={() => setAdding(false)} />}
      {completing && <CompleteMeasureDialog measure={completing} onClose={() => setCompleting(null)} />}
    </div>
  );
}

interface MeasureForm {
  action: string;
  responsibleOrgId: string;
  responsiblePerson: string;
  villageIds: string[];
  groups: string;
  dueDate: dayjs.Dayjs;
}

function AddMeasureDialog({ warningId, onClose }: { warningId: string; onClose: () => void }) {
  const qc = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<MeasureForm>();
  const units = useQuery({
    queryKey: dispatchKeys.options,
    queryFn: ({ signal }) => fetchParticipantOptions(signal),
  });
  const villages = useQuery({
    queryKey: ['orgs', 'villages-of', me.org?.id],
    queryFn: ({ signal }) => searchOrgs({ kind: 'village', limit: 500 }, signal),
  });
  const mutation = useMutation({
    mutationFn: (v: MeasureForm) =>
      addMeasure(warningId, {
        action: v.action,
        responsibleOrgId: v.responsibleOrgId,
        responsiblePerson: v.responsiblePerson,
        villageIds: v.villageIds ?? [],
        groups: v.groups ?? '',
        dueDate: v.dueDate.format('YYYY-MM-DD'),
      }),
    onSuccess: (data) => {
      qc.setQueryData(dispatchKeys.measures(warningId), data);
      void qc.invalidateQueries({ queryKey: dispatchKeys.effects });
      onClose();
    },
  });
  const unitOptions = [
    ...(me.org ? [{ value: me.org.id, label: me.org.name }] : []),
    ...(units.data?.items ?? []).filter((o) => o.inside).map((o) => ({ value: o.org.id, label: o.org.name })),
  ];
  return (
    <Modal
      open
      title="部署对症式措施"
      okText="部署"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<MeasureForm>
        form={form}
        layout="vertical"
        initialValues={{ villageIds: [], groups: '', dueDate: dayjs().add(7, 'day') }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="action"
          label="措施内容"
          rules={[{ required: true, min: 4, message: '请写明措施内容（至少 4 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
        <Form.Item
          name="responsibleOrgId"
          label="责任单位"
          rules={[{ required: true, message: '请选择责任单位' }]}
        >
          <Select data-testid="measure-unit" options={unitOptions} optionFilterProp="label" showSearch />
        </Form.Item>
        <Form.Item
          name="responsiblePerson"
          label="责任人"
          rules={[{ required: true, min: 2, message: '请填写责任人' }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="villageIds" label="针对的村（社区）">
          <Select
            mode="multiple"
            data-testid="measure-villages"
            optionFilterProp="label"
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          />
        </Form.Item>
        <Form.Item name="groups" label="针对的人群（可选）">
          <Input maxLength={200} placeholder="如：土地承包户、辖区商户" />
        </Form.Item>
        <Form.Item name="dueDate" label="完成时限" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}

function CompleteMeasureDialog({ measure, onClose }: { measure: MeasureView; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ result: string }>();
  const mutation = useMutation({
    mutationFn: (v: { result: string }) => completeMeasure(measure.id, v.result.trim()),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dispatchKeys.measures(measure.warningId) });
      void qc.invalidateQueries({ queryKey: dispatchKeys.effects });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`措施已落实：${measure.action}`}
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="result"
          label="落实情况"
          rules={[{ required: true, min: 4, message: '请写明落实情况（至少 4 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {mutation.isError && <Alert type="error" showIcon title={mutation.error.message} />}
    </Modal>
  );
}
