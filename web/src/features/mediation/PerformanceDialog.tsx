import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { type AgreementView, performanceLabels } from '../../../../core/contracts/mediation';
import { recordPerformance } from '../../api/agreements';

interface Values {
  performance: keyof typeof performanceLabels;
  note: string;
}

/** 回访: what the visit found about the agreement's performance (人民调解法 art. 31–32). */
export function PerformanceDialog({
  matterId,
  agreement,
  onClose,
  onDone,
}: {
  matterId: string;
  agreement: AgreementView;
  onClose: () => void;
  onDone: (a: AgreementView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      recordPerformance(matterId, agreement.id, { performance: v.performance, note: v.note.trim() }),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title="记录协议履行情况（回访）"
      okText="保存"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} aria-label="履行情况">
        <Form.Item
          label="履行情况"
          name="performance"
          rules={[{ required: true, message: '请选择履行情况' }]}
        >
          <Select options={Object.entries(performanceLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          label="回访记录"
          name="note"
          rules={[{ required: true, whitespace: true, message: '请填写回访记录' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {mutation.isError && (
        <Alert type="error" showIcon role="alert" title="保存未成功" description={mutation.error.message} />
      )}
    </Modal>
  );
}
