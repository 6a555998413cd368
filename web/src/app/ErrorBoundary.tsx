import { Alert, Button, Space } from 'antd';
import { Component, type ErrorInfo, lazy, type ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';

const NotFound = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFound })));

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
      error.message,
    )
  );
}

/** A plain message with a way out; kept light because it ships with the login screen. */
export function ErrorScreen({
  title,
  description,
  onRetry,
}: {
  title: string;
  description: string;
  onRetry?: () => void;
}) {
  return (
    <div style={{ maxWidth: 560, margin: '64px auto', padding: '0 16px' }}>
      <Alert
        type="error"
        showIcon
        title={title}
        description={description}
        action={
          <Space orientation="vertical">
            <Button type="primary" size="small" onClick={onRetry ?? (() => window.location.reload())}>
              {onRetry ? '重试' : '刷新页面'}
            </Button>
            <Button size="small" href="/">
              返回工作台
            </Button>
          </Space>
        }
      />
    </div>
  );
}

function ErrorFor({ error }: { error: unknown }) {
  return isChunkLoadError(error) ? (
    <ErrorScreen title="页面加载失败" description="可能是网络中断或系统刚刚更新，请刷新页面后重试。" />
  ) : (
    <ErrorScreen
      title="页面出错了"
      description="页面遇到意外错误，请刷新后重试；如仍有问题，请联系系统管理员。"
    />
  );
}

interface State {
  error: unknown;
}

/** Last line of defence for render errors outside the router. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('界面错误', error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <ErrorFor error={this.state.error} />;
    return this.props.children;
  }
}

/** The router's errorElement: render errors inside routes, failed lazy chunks, unknown paths. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  console.error('页面错误', error);
  return <ErrorFor error={error} />;
}
