/**
 * What everyone at a desk must know about the system itself: that its clock is a simulated one
 * (ZONGZHI_CLOCK, for demos and training: every date on screen follows it), and, for the
 * administrator and leaders, that next year's holiday arrangement is still missing (deadlines into
 * it are 暂定, docs/LEGAL.md §8.5).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Tag } from 'antd';
import { Link } from 'react-router';
import type { Me } from '../../../core/contracts/auth';
import { calendarKeys, fetchCoverage, fetchHealth } from '../api/calendar';

const minute = 60_000;

function shortTime(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function SimulatedClockTag() {
  const q = useQuery({
    queryKey: calendarKeys.health,
    queryFn: ({ signal }) => fetchHealth(signal),
    staleTime: minute,
    refetchInterval: minute,
  });
  if (!q.data?.clock.simulated) return null;
  return (
    <Tag color="purple" data-testid="simulated-clock" style={{ marginInlineEnd: 0 }}>
      模拟时钟 {shortTime(q.data.time)}
    </Tag>
  );
}

export function CalendarCoverageBanner({ me }: { me: Me }) {
  const concerned = me.permissions.includes('config.manage') || me.permissions.includes('dashboard.view');
  const q = useQuery({
    queryKey: calendarKeys.coverage,
    queryFn: ({ signal }) => fetchCoverage(signal),
    enabled: concerned,
    staleTime: 10 * minute,
  });
  if (!concerned || !q.data?.warning) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="calendar-warning"
      style={{ marginBottom: 12 }}
      title={q.data.warning}
      action={
        me.permissions.includes('config.manage') ? <Link to="/config/holidays">去载入</Link> : undefined
      }
    />
  );
}
