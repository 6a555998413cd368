import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { stepUp } from '../../api/auth';

interface Props {
  /** True once the fresh code went through; false when the person cancelled. */
  onDone: (ok: boolean) => void;
}

/**
 * 再次验证身份: issuing an API key, seeing a party's full details and exporting ask for a fresh code
 * from the authenticator (docs/SECURITY.md G9). Opened by the API client when the server asks.
 */
export function StepUpModal({ onDone }: Props) {
  const [form] = Form.useForm<{ code: string }>();
  const [pending, setPending] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setPending(true);
    try {
      await stepUp(code.trim());
      onDone(true);
    } catch (e) {
      form.setFields([{ name: 'code', errors: [e instanceof Error ? e.message : '验证失败'], value: '' }]);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      title="再次验证身份"
      open
      onCancel={() => onDone(false)}
      onOk={() => form.submit()}
      okText="验证"
      cancelText="取消"
      confirmLoading={pending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'step-up-ok' } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph>
        这项操作涉及群众个人信息或系统密钥，请输入手机身份验证器上显示的 6
        位动态验证码（也可以输入一个恢复码）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} aria-label="再次验证身份">
        <Form.Item label="动态验证码" name="code" rules={[{ required: true, message: '请输入动态验证码' }]}>
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={20}
            size="large"
            autoFocus
            data-testid="step-up-code"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
