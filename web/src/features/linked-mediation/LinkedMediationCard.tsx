import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Ratio } from '../../../../core/domain/kpi/formulas';
import { fetchLinkedFigures, linkedKeys } from '../../api/linkedMediation';

/** "n/m 件" below the minimum sample, a percentage above it (docs/KPI.md). */
function rateText(r: Ratio): string {
  if (r.den === 0) return '—';
  return r.value === null ? `${r.num}/${r.den} 件` : `${(r.value * 100).toFixed(1)}%`;
}

/** The dashboard's 联动调解 panel: per route (警调/访调/诉调/专调/人民调解) the count and 调解成功率. */
export function LinkedMediationCard() {
  const q = useQuery({ queryKey: linkedKeys.figures, queryFn: ({ signal }) => fetchLinkedFigures(signal) });
  if (!q.data) return null;
  return (
    <Card size="small" title="联动调解" style={{ marginTop: 12 }} data-testid="linked-mediation">
      <Row gutter={[12, 12]}>
        {q.data.routes.map((f) => (
          <Col key={f.route} xs={12} sm={8} md={4} data-testid={`linked-route-${f.route}`}>
            <Statistic title={f.label} value={f.count} suffix="件" />
            <Typography.Text type="secondary">调解成功率 {rateText(f.successRate)}</Typography.Text>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
