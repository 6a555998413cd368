/** Who saved which version of a config document, and when (newest first). */
import { Empty, List, Typography } from 'antd';

export function VersionHistory({
  history,
  testId,
}: {
  history: { version: number; at: string; by: string | null }[];
  testId: string;
}) {
  if (history.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未修改过，使用系统默认内容" />;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={history}
      renderItem={(h) => (
        <List.Item>
          <Typography.Text strong>第 {h.version} 版</Typography.Text>
          <Typography.Text type="secondary">
            {new Date(h.at).toLocaleString('zh-CN', { hour12: false })} · {h.by ?? '（账号已删除）'}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
