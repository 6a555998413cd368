import { ConfigProvider, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useMe } from '../../app/auth';
import { DashboardBoard } from './DashboardBoard';

/** 大屏: the district center's wall, dark and full screen, refreshed every minute, no menu. */
export function WallPage() {
  const me = useMe();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div style={{ minHeight: '100vh', background: '#06152b', padding: 12 }}>
        <Typography.Title level={3} style={{ color: '#e6f0ff', textAlign: 'center', margin: '0 0 8px' }}>
          {me.org?.name ?? ''}综治中心 · 指挥调度大屏
        </Typography.Title>
        <Typography.Paragraph style={{ color: '#9fb4d0', textAlign: 'center' }}>
          {now.toLocaleString('zh-CN', { dateStyle: 'long', timeStyle: 'short' })}
        </Typography.Paragraph>
        <DashboardBoard filter={{}} dark />
      </div>
    </ConfigProvider>
  );
}
