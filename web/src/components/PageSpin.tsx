import { Spin } from 'antd';

export function PageSpin({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div style={{ padding: '64px 0', display: 'flex', justifyContent: 'center' }} role="status">
      <Spin description={tip} />
    </div>
  );
}
