import { AlertOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { Link } from 'react-router';
import { fetchWarnings, riskKeys } from '../../api/risk';

/** The dashboard's pointer to 风险预警: how many warnings wait, red ones counted apart. */
export function RiskCard() {
  const open = { status: 'open' as const, page: 1, pageSize: 1 };
  const red = { ...open, grade: 'red' as const };
  const all = useQuery({
    queryKey: riskKeys.list(open),
    queryFn: ({ signal }) => fetchWarnings(open, signal),
  });
  const reds = useQuery({
    queryKey: riskKeys.list(red),
    queryFn: ({ signal }) => fetchWarnings(red, signal),
  });
  const text =
    all.data === undefined
      ? '风险预警'
      : `风险预警：待处置 ${all.data.total} 条${reds.data?.total ? `（红色 ${reds.data.total}）` : ''}`;
  return (
    <Link to="/risk">
      <Button danger={!!reds.data?.total} icon={<AlertOutlined aria-hidden />}>
        {text}
      </Button>
    </Link>
  );
}
