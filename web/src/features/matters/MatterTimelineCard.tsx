import { Card, Timeline, Typography } from 'antd';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { statusWord, time } from './matter-format';

export function MatterTimelineCard({ m }: { m: MatterDetail }) {
  const entries = [...m.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card size="small" title="办理记录" style={{ marginBottom: 16 }}>
      <Timeline
        data-testid="matter-timeline"
        items={entries.map((e, i) => {
          const from = statusWord(e.from);
          const to = statusWord(e.to);
          return {
            key: `${e.at}-${i}`,
            color: i === entries.length - 1 ? 'blue' : 'gray',
            content: (
              <div>
                <Typography.Text strong>{e.label}</Typography.Text>
                {from && to && from !== to && (
                  <Typography.Text type="secondary">
                    {' '}
                    （{from} → {to}）
                  </Typography.Text>
                )}
                <div style={{ fontSize: 12, color: '#5b6b7f' }}>
                  {time(e.at)}
                  {e.org && e.org !== e.actorName && ` · ${e.org}`}
                  {` · ${e.actorName}`}
                </div>
                {e.detail && <div data-testid="timeline-detail">{e.detail}</div>}
                {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
