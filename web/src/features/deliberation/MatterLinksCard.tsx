import { useQuery } from '@tanstack/react-query';
import { Card, List, Tag } from 'antd';
import { Link } from 'react-router';
import { meetingStatusLabels } from '../../../../core/domain/deliberation/model';
import { deliberationKeys, fetchMatterLinks } from '../../api/deliberation';

/** On a matter's page: the meeting that decided it, the agendas that hold it, panel opinions and service. */
export function MatterLinksCard({ matterId }: { matterId: string }) {
  const q = useQuery({
    queryKey: deliberationKeys.links(matterId),
    queryFn: ({ signal }) => fetchMatterLinks(matterId, signal),
  });
  const d = q.data;
  if (!d || (!d.fromDecision && d.agendaItems.length === 0 && d.contributions.length === 0)) return null;
  return (
    <Card size="small" title="议事协商" data-testid="matter-deliberation">
      {d.fromDecision && (
        <div data-testid="matter-from-decision">
          来源：
          <Link to={`/deliberation/meetings/${d.fromDecision.meetingId}`}>{d.fromDecision.topic}</Link>
          会议决定（{d.fromDecision.itemTitle}），议定完成期限 {d.fromDecision.dueOn}
        </div>
      )}
      {d.agendaItems.length > 0 && (
        <List
          size="small"
          header="列入议程"
          dataSource={d.agendaItems}
          renderItem={(a) => (
            <List.Item>
              <Link to={`/deliberation/meetings/${a.meetingId}`}>{a.topic}</Link> · {a.itemTitle} ·{' '}
              <Tag>{meetingStatusLabels[a.status as keyof typeof meetingStatusLabels] ?? a.status}</Tag>
            </List.Item>
          )}
        />
      )}
      {d.contributions.length > 0 && (
        <List
          size="small"
          header="评判意见与便民服务"
          dataSource={d.contributions}
          renderItem={(c) => (
            <List.Item>
              <Tag>{c.body.kindLabel}</Tag>
              {c.body.name}
              {c.memberName ? ` · ${c.memberName}` : ''}：{c.text}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
