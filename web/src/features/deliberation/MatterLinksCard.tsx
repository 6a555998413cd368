import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { meetingStatusLabels } from '../../../../core/domain/deliberation/model';
import { deliberationKeys, fetchMatterLinks } from '../../api/deliberation';
import { useMe } from '../../app/auth';
import { OpinionDialog, ServiceDialog, ServiceDoneDialog } from './ContributionDialogs';

interface Props {
  m: { id: string; status: string; kind: string; owner: { id: string } };
}

/**
 * On a matter's page: the meeting that decided it, the agendas that hold it, 评判团 opinions and
 * 服务团 assignments, with the actions that fit the matter (an opinion while it is under mediation, a
 * service assignment for a request at the user's own window).
 */
export function MatterLinksCard({ m }: Props) {
  const me = useMe();
  const [dialog, setDialog] = useState<{ kind: 'opinion' | 'service' } | { kind: 'done'; id: string } | null>(
    null,
  );
  const q = useQuery({
    queryKey: deliberationKeys.links(m.id),
    queryFn: ({ signal }) => fetchMatterLinks(m.id, signal),
  });
  const manage = me.permissions.includes('deliberation.manage');
  const mayOpinion = m.status === 'mediating' && me.permissions.includes('deliberation.opinion');
  const mayService = manage && m.kind === 'request' && m.owner.id === me.org?.id && m.status === 'handling';
  const d = q.data;
  const empty = !d || (!d.fromDecision && d.agendaItems.length === 0 && d.contributions.length === 0);
  if (empty && !mayOpinion && !mayService) return null;
  return (
    <Card
      size="small"
      title="议事协商"
      style={{ marginBottom: 16 }}
      data-testid="matter-deliberation"
      extra={
        <Space>
          {mayOpinion && (
            <Button size="small" onClick={() => setDialog({ kind: 'opinion' })} data-testid="open-opinion">
              评判团意见
            </Button>
          )}
          {mayService && (
            <Button size="small" onClick={() => setDialog({ kind: 'service' })} data-testid="open-service">
              派给服务团
            </Button>
          )}
        </Space>
      }
    >
      {d?.fromDecision && (
        <div data-testid="matter-from-decision">
          来源：
          <Link to={`/deliberation/meetings/${d.fromDecision.meetingId}`}>{d.fromDecision.topic}</Link>
          会议决定（{d.fromDecision.itemTitle}），议定完成期限 {d.fromDecision.dueOn}
        </div>
      )}
      {d && d.agendaItems.length > 0 && (
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
      {d && d.contributions.length > 0 && (
        <List
          size="small"
          header="评判意见与便民服务"
          dataSource={d.contributions}
          renderItem={(c) => (
            <List.Item
              extra={
                c.kind === 'service' &&
                c.status === 'assigned' &&
                manage && (
                  <Button size="small" onClick={() => setDialog({ kind: 'done', id: c.id })}>
                    登记完成
                  </Button>
                )
              }
            >
              <Tag>{c.body.kindLabel}</Tag>
              {c.body.name}
              {c.memberName ? ` · ${c.memberName}` : ''}：
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.text}</span>
              {c.kind === 'service' && (
                <Tag color={c.status === 'done' ? 'green' : 'blue'}>
                  {c.status === 'done' ? '已完成' : '服务中'}
                </Tag>
              )}
            </List.Item>
          )}
        />
      )}
      {dialog?.kind === 'opinion' && <OpinionDialog matterId={m.id} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'service' && <ServiceDialog matterId={m.id} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'done' && (
        <ServiceDoneDialog matterId={m.id} contributionId={dialog.id} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}
