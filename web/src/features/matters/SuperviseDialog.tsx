import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { MatterDetail } from '../../../../core/contracts/matters';
import {
  type SupervisionReason,
  supervisionReasonLabels,
  supervisionReasons,
} from '../../../../core/domain/matters/model';
import { superviseMatter } from '../../api/matters';

interface Values {
  reason: SupervisionReason;
  note: string;
}

/** 督办 by a leader: a reason from the list and a note the owner reads. */
export function SuperviseDialog({
  matter,
  onClose,
  onDone,
}: {
  matter: MatterDetail;
  onClose: () => void;
  onDone: (next: MatterDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) => superviseMatter(matter.id, { reason: v.reason, note: v.note.trim() }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={`督办：${matter.code}`}
      okText="督办"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} aria-label="督办">
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
