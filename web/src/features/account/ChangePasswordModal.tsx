import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { changePasswordBodySchema } from '../../../../core/contracts/auth';
import { changePassword, fetchSession } from '../../api/auth';
import { sessionKey } from '../../app/auth';
import { applyServerFieldErrors } from '../../components/formErrors';
import { useReportError } from '../../components/useReportError';
import { zodRule } from '../../components/zodRule';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

interface Props {
  open: boolean;
  /** The account must change its password before working (first login, or reset by an admin). */
  forced: boolean;
  onClose: () => void;
  onLogout: () => void;
  /** The server may end every session of the account (it does today): then the user logs in again. */
  onSessionEnded: () => void;
}

export function ChangePasswordModal({ open, forced, onClose, onLogout, onSessionEnded }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();

  const mutation = useMutation({
    mutationFn: (v: Values) => changePassword(v.oldPassword, v.newPassword),
    onSuccess: async () => {
      form.resetFields();
      const session = await fetchSession().catch(() => null);
      if (!session) {
        onSessionEnded();
        return;
      }
      queryClient.setQueryData(sessionKey, session);
      message.success('密码已修改');
      onClose();
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, ['oldPassword', 'newPassword'], e)) report(e, '修改密码失败');
    },
  });

  return (
    <Modal
      title="修改密码"
      open={open}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="logout" onClick={onLogout}>
            退出登录
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>
        ),
        <Button key="ok" type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
          确认修改
        </Button>,
      ]}
    >
      {forced && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="首次登录或密码已被管理员重置，请先设置新密码。"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        aria-label="修改密码"
        data-testid="change-password-form"
      >
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少 12 位，含字母、数字、符号中的至少两类，不要重复同几个字符，不要包含用户名。"
          rules={[
            { required: true, message: '请输入新密码' },
            zodRule(changePasswordBodySchema.shape.newPassword),
            ({ getFieldValue }) => ({
              validator: async (_r, value: string | undefined) => {
                if (value && value === getFieldValue('oldPassword'))
                  throw new Error('新密码不能与原密码相同');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_r, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
