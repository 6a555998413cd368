import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginBody } from '../../../../core/contracts/auth';
import { login } from '../../api/auth';
import { ApiError } from '../../api/client';
import { clearSessionEnd, safeNext, sessionKey, useSession } from '../../app/auth';
import { applyServerFieldErrors } from '../../components/formErrors';
import { landingAfterLogin } from './landing';

const EXPIRED_NOTICE = '登录已超时，请重新登录。';
const PASSWORD_CHANGED_NOTICE = '密码已修改，请使用新密码重新登录。';

export function LoginPage() {
  const [form] = Form.useForm<LoginBody>();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const notice =
    reason === 'expired' ? EXPIRED_NOTICE : reason === 'password_changed' ? PASSWORD_CHANGED_NOTICE : null;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  // The server asked for the authenticator's code after a right password (docs/SECURITY.md G9).
  const [askOtp, setAskOtp] = useState(false);

  useEffect(() => {
    document.title = '登录 · 综治';
    return () => {
      document.title = '综治 · 三级综治中心一体化平台';
    };
  }, []);

  const mutation = useMutation({
    mutationFn: (body: LoginBody) =>
      login(body.username.trim(), body.password, body.otp?.trim() || undefined),
    onSuccess: (s) => {
      clearSessionEnd();
      // Another user may have worked in this tab: drop whatever was cached for them.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      // A probe still on its way answers for before the login (web/src/api/auth.ts asks again).
      void queryClient.cancelQueries({ queryKey: sessionKey });
      queryClient.setQueryData(sessionKey, s);
      navigate(landingAfterLogin(next, s.user.roles), { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'OTP_REQUIRED') {
        // The password was right: keep it, and ask for the code.
        setAskOtp(true);
        setError(null);
        return;
      }
      if (e instanceof ApiError && e.code === 'OTP_INVALID') {
        form.setFieldValue('otp', '');
        setError(e.message);
        return;
      }
      setAskOtp(false);
      form.setFieldValue('otp', undefined);
      form.setFieldValue('password', '');
      if (applyServerFieldErrors(form, ['username', 'password'], e)) {
        setError(null);
        return;
      }
      if (e instanceof ApiError && e.status >= 500 && e.requestId) {
        setError(`${e.message}（请求编号：${e.requestId}）`);
      } else {
        setError(e instanceof Error ? e.message : '登录失败，请稍后重试。');
      }
    },
  });

  if (session.data) return <Navigate to={landingAfterLogin(next, session.data.user.roles)} replace />;

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #e8f0fb 0%, #f3f5f8 55%, #fdf3ec 100%)',
      }}
    >
      {/* Plain markup instead of Card/Typography keeps the first download small. */}
      <section
        aria-labelledby="login-title"
        style={{
          width: '100%',
          maxWidth: 400,
          padding: '32px 28px',
          boxSizing: 'border-box',
          background: '#fff',
          borderRadius: 10,
          boxShadow: '0 6px 24px rgba(31, 95, 168, 0.12)',
        }}
      >
        <header style={{ textAlign: 'center', marginBottom: 24 }}>
          <h1
            id="login-title"
            style={{ margin: 0, fontSize: 36, fontWeight: 700, letterSpacing: 8, color: '#1f5fa8' }}
          >
            综治
          </h1>
          <p style={{ margin: '4px 0 0', fontSize: 15, color: 'rgba(0, 0, 0, 0.62)' }}>
            三级综治中心一体化平台
          </p>
        </header>

        {notice && !error && (
          <Alert
            type={reason === 'expired' ? 'warning' : 'success'}
            showIcon
            title={notice}
            style={{ marginBottom: 16 }}
            data-testid="login-notice"
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            role="alert"
            data-testid="login-error"
          />
        )}

        <Form<LoginBody>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => mutation.mutate(v)}
          onValuesChange={() => error && setError(null)}
          aria-label="登录"
          autoComplete="on"
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input
              prefix={<UserOutlined aria-hidden />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              size="large"
              maxLength={64}
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              size="large"
              maxLength={256}
              data-testid="login-password"
            />
          </Form.Item>
          {askOtp && (
            <Form.Item
              label="动态验证码"
              name="otp"
              extra="打开手机上的身份验证器，输入显示的 6 位数字；手机不在身边时，可输入一个恢复码。"
              rules={[{ required: true, whitespace: true, message: '请输入动态验证码' }]}
            >
              <Input
                prefix={<SafetyOutlined aria-hidden />}
                inputMode="numeric"
                autoComplete="one-time-code"
                size="large"
                maxLength={20}
                autoFocus
                data-testid="login-otp"
              />
            </Form.Item>
          )}
          <Form.Item style={{ marginBottom: 0 }}>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={mutation.isPending}
              data-testid="login-submit"
            >
              登录
            </Button>
          </Form.Item>
        </Form>
        <p style={{ margin: '20px 0 0', textAlign: 'center', fontSize: 15 }}>
          {/* The residents' pages are the phone entry: a page of their own, not a route of this app. */}
          <a href="/public/submit" style={{ color: '#1f5fa8' }} data-testid="public-link">
            群众办事（无需登录）
          </a>
          <span style={{ display: 'block', fontSize: 12, color: 'rgba(0, 0, 0, 0.62)', marginTop: 2 }}>
            网上反映问题、查询办理进度
          </span>
        </p>
      </section>
    </main>
  );
}
