import { FullscreenOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DashboardFilter } from '../../api/dashboard';
import { LinkedMediationCard } from '../linked-mediation/LinkedMediationCard';
import { MeasureEffectsCard } from '../risk/MeasureEffectsCard';
import { RiskCard } from '../risk/RiskCard';
import { DashboardBoard } from './DashboardBoard';
import { DashboardFilters } from './DashboardFilters';

/** The leader's dashboard (指挥调度) inside the app frame. */
export function DashboardPage() {
  const [filter, setFilter] = useState<DashboardFilter>({});
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          指挥调度
        </Typography.Title>
        <Space wrap>
          <RiskCard />
          <Link to="/dashboard/wall" target="_blank">
            <Button icon={<FullscreenOutlined aria-hidden />}>大屏</Button>
          </Link>
        </Space>
      </Space>
      <DashboardFilters value={filter} onChange={setFilter} />
      <DashboardBoard filter={filter} />
      <MeasureEffectsCard />
      <LinkedMediationCard />
    </div>
  );
}
