import { useQuery } from '@tanstack/react-query';
import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import { dispatchKeys, fetchMeasureEffects } from '../../api/dispatch';

/** The dashboard's 治未病 panel: each warning with measures, their progress, the indicator before/after. */
export function MeasureEffectsCard() {
  const q = useQuery({
    queryKey: dispatchKeys.effects,
    queryFn: ({ signal }) => fetchMeasureEffects(signal),
  });
  if (!q.data || q.data.items.length === 0) return null;
  return (
    <Card size="small" title="治未病措施成效" style={{ marginTop: 12 }} data-testid="measure-effects">
      <List
        size="small"
        dataSource={q.data.items}
        renderItem={(i) => (
          <List.Item key={i.warningId}>
            <List.Item.Meta
              title={<Link to="/risk">{`${i.title} · ${i.targetOrg.name}`}</Link>}
              description={
                <>
                  措施 {i.measures} 项，已落实 {i.done} 项{i.overdue ? `，逾期 ${i.overdue} 项` : ''}
                  <Typography.Paragraph style={{ margin: 0 }}>
                    {i.effect.indicator}：{i.effect.summary}
                  </Typography.Paragraph>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
