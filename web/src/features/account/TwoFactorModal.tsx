import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { confirmTotp, fetchSession, startTotpEnrolment, type TotpEnrolment } from '../../api/auth';
import { sessionKey } from '../../app/auth';
import { useReportError } from '../../components/useReportError';

interface Props {
  /** The account must bind an authenticator before working (docs/SECURITY.md G9). */
  forced: boolean;
  onClose: () => void;
  onLogout: () => void;
}

/**
 * Binding an authenticator app (TOTP): scan the QR code (or type the key), type the first code,
 * then write down the recovery codes, shown this once.
 */
export function TwoFactorModal({ forced, onClose, onLogout }: Props) {
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const start = useMutation({
    mutationFn: startTotpEnrolment,
    onSuccess: setEnrolment,
    onError: (e) => report(e, '无法开始绑定'),
  });
  const confirm = useMutation({
    mutationFn: (v: { code: string }) => confirmTotp(v.code.trim()),
    onSuccess: (r) => setCodes(r.recoveryCodes),
    onError: (e) => {
      form.setFields([
        { name: 'code', errors: [e instanceof Error ? e.message : '验证码不正确'], value: '' },
      ]);
    },
  });

  const finish = async () => {
    const session = await fetchSession().catch(() => null);
    if (session) queryClient.setQueryData(sessionKey, session);
    message.success('已绑定身份验证器');
    onClose();
  };

  const footer = codes
    ? [
        <Button key="done" type="primary" onClick={finish} data-testid="totp-done">
          我已抄下恢复码
        </Button>,
      ]
    : [
        forced ? (
          <Button key="logout" onClick={onLogout}>
            退出登录
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>
        ),
        enrolment ? (
          <Button
            key="ok"
            type="primary"
            loading={confirm.isPending}
            onClick={() => form.submit()}
            data-testid="totp-confirm"
          >
            完成绑定
          </Button>
        ) : (
          <Button
            key="start"
            type="primary"
            loading={start.isPending}
            onClick={() => start.mutate()}
            data-testid="totp-start"
          >
            开始绑定
          </Button>
        ),
      ];

  return (
    <Modal
      title="两步验证：绑定身份验证器"
      open
      onCancel={forced || codes ? undefined : onClose}
      closable={!forced && !codes}
      mask={{ closable: false }}
      keyboard={!forced && !codes}
      destroyOnHidden
      footer={footer}
      data-testid="totp-modal"
    >
      {codes ? (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="请把下面 10 个恢复码抄在纸上，和手机分开保管。手机丢失时，每个恢复码可代替动态验证码登录一次。它们只显示这一次。"
          />
          <ol data-testid="totp-recovery-codes" style={{ fontFamily: 'monospace', fontSize: 16, columns: 2 }}>
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        </>
      ) : (
        <>
          {forced && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="您的账号权限较高，按规定须开启两步验证：登录时除密码外，还要输入手机上身份验证器显示的动态验证码。"
            />
          )}
          <Typography.Paragraph>
            请在手机上安装身份验证器应用（如腾讯身份验证器、Google Authenticator、Microsoft Authenticator
            等），点击“开始绑定”后用它扫描二维码。
          </Typography.Paragraph>
          {enrolment && (
            <>
              <div style={{ textAlign: 'center' }}>
                <img
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
                  alt="身份验证器绑定二维码"
                  width={200}
                  height={200}
                  data-testid="totp-qr"
                />
              </div>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                无法扫码时，可在应用中手动输入密钥：
                <Typography.Text code copyable data-testid="totp-secret">
                  {enrolment.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) => confirm.mutate(v)}
                aria-label="输入动态验证码"
              >
                <Form.Item
                  label="应用中显示的 6 位动态验证码"
                  name="code"
                  rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字' }]}
                >
                  <Input
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={8}
                    size="large"
                    data-testid="totp-code"
                  />
                </Form.Item>
              </Form>
            </>
          )}
        </>
      )}
    </Modal>
  );
}
