import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

/** Shows an error the way the whole app does: the server's Chinese message; request id for 5xx. */
export function useReportError(): (error: unknown, title?: string) => void {
  const { message, notification } = App.useApp();
  return useCallback(
    (error: unknown, title = '操作失败') => {
      if (error instanceof ApiError) {
        // The app-level handler already sends the user to the login page.
        if (error.isAuthLost) return;
        if (error.status >= 500 || error.status === 0) {
          notification.error({
            title,
            description: error.requestId ? `${error.message}（请求编号：${error.requestId}）` : error.message,
            duration: 0,
          });
          return;
        }
        message.error(error.message);
        return;
      }
      message.error(error instanceof Error && error.message ? `${title}：${error.message}` : title);
    },
    [message, notification],
  );
}
