import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';
import { type ApiError, onAuthLost } from '../api/client';
import { endSession } from './auth';
import { ErrorBoundary } from './ErrorBoundary';
import { queryClient } from './queryClient';
import { router } from './router';
import { theme } from './theme';

dayjs.locale('zh-cn');

/**
 * A 401 in the middle of work: forget the session and cached data; RequireAuth then sends the user to
 * the login page, which says the login timed out and returns to the same page afterwards.
 */
function handleAuthLost(_error: ApiError): void {
  if (router.state.location.pathname === '/login') return;
  endSession(queryClient, 'expired');
}

export function App() {
  useEffect(() => onAuthLost(handleAuthLost), []);
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ErrorBoundary>
    </ConfigProvider>
  );
}
