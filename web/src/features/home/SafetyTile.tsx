import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { fetchSafetyToday, safetyKeys } from '../../api/safety';

/** The unit's part of the town's joint work today: its open 联合任务 and its own patrol shifts. */
export function SafetyTile() {
  const today = useQuery({ queryKey: safetyKeys.today, queryFn: ({ signal }) => fetchSafetyToday(signal) });
  if (today.isError)
    return <Typography.Text type="danger">联合任务和联防班次加载失败：{today.error.message}</Typography.Text>;
  return (
    <Card title="联合任务与联防" data-testid="safety-tile">
      <Row gutter={[16, 16]}>
        <Col xs={12} sm={8}>
          <Link to="/joint-tasks" data-testid="tile-joint-tasks">
            <Statistic
              title="未办结联合任务"
              value={today.data?.openJointTasks ?? '—'}
              suffix="项"
              loading={today.isPending}
            />
          </Link>
        </Col>
        <Col xs={12} sm={8}>
          <Link to="/patrol" data-testid="tile-shifts-today">
            <Statistic
              title="今日联防班次"
              value={today.data?.shiftsToday ?? '—'}
              suffix={today.data ? `个（待报告 ${today.data.openShiftsToday}）` : undefined}
              loading={today.isPending}
            />
          </Link>
        </Col>
      </Row>
    </Card>
  );
}
