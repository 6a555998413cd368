import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import {
  type SupervisionReason,
  supervisionReasonLabels,
  supervisionReasons,
} from '../../../../core/domain/matters/model';
import { dismissWarning, superviseWarning, type WarningView } from '../../api/risk';

/** 排除误报: the reason is required; it is kept on the warning and in the event log. */
export function DismissDialog({
  warning,
  onClose,
  onDone,
}: {
  warning: WarningView;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useMutation({
    mutationFn: (v: { reason: string }) => dismissWarning(warning.id, v.reason.trim()),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title="排除预警"
      okText="确认排除"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{warning.explanation}</p>
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} aria-label="排除预警">
        <Form.Item
          label="排除理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请说明排除理由' },
            { min: 4, message: '排除理由至少 4 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：经核实为同一事项补充材料" />
        </Form.Item>
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="排除未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}

interface SuperviseValues {
  reason: SupervisionReason;
  note: string;
}

/** 转督办: one order per open matter behind the warning. */
export function SuperviseWarningDialog({
  warning,
  onClose,
  onDone,
}: {
  warning: WarningView;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<SuperviseValues>();
  const mutation = useMutation({
    mutationFn: (v: SuperviseValues) =>
      superviseWarning(warning.id, { reason: v.reason, note: v.note.trim() }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title="转督办"
      okText="督办"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>将对该预警涉及的 {warning.matterCount} 件事项中尚未办结的逐件发出督办单。</p>
      <Form<SuperviseValues>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        aria-label="转督办"
      >
        <Form.Item label="督办事由" name="reason" rules={[{ required: true, message: '请选择督办事由' }]}>
          <Select<SupervisionReason>
            options={supervisionReasons.map((r) => ({ value: r, label: supervisionReasonLabels[r] }))}
          />
        </Form.Item>
        <Form.Item
          label="督办意见"
          name="note"
          rules={[
            { required: true, whitespace: true, message: '请填写督办意见' },
            { min: 2, message: '督办意见至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="督办未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}
