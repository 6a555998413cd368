import { fetchPublicDecisions } from '../../api/deliberation';
import { useFetch } from '../../phone/fetch';
import { Alert } from '../../phone/kit/Alert';
import { Card } from '../../phone/kit/Card';
import { Spin } from '../../phone/kit/Spin';
import { Tag } from '../../phone/kit/Tag';
import { useLocation } from '../../phone/router';

/** 村务公开: the village's published decisions and how their tasks are getting on. No personal data. */
export function PublicDecisionsPage() {
  const orgId = new URLSearchParams(useLocation().search).get('orgId') ?? '';
  const q = useFetch(orgId ? `decisions:${orgId}` : null, () => fetchPublicDecisions(orgId));
  if (!orgId) return <Alert type="info" title="请扫描村（社区）公开栏上的二维码进入本页面。" />;
  if (q.isPending) return <Spin />;
  if (q.isError || !q.data) return <Alert type="error" title={q.error?.message ?? '加载失败'} />;
  return (
    <div>
      <h1 className="zz-title" data-testid="public-decisions-org">
        {q.data.orgName} · 村务公开
      </h1>
      {q.data.items.length === 0 && <p className="zz-muted">暂无公开的议事决定</p>}
      {q.data.items.map((d) => (
        <Card key={d.meetingId} title={d.topic} data-testid="public-decision">
          <div className="zz-muted" style={{ marginBottom: 8 }}>
            {d.bodyName} · {d.heldOn} 召开 · 到会成员 {d.attendance.members}/{d.attendance.seats} 人，现场群众{' '}
            {d.attendance.countedInRoom} 人
          </div>
          <ul className="zz-plain-list">
            {d.items.map((it) => (
              <li key={it.title}>
                <div className="zz-row">
                  <strong>{it.title}</strong>
                  <Tag color={it.outcome === '通过' ? 'green' : 'default'}>{it.outcome}</Tag>
                </div>
                <div>
                  {it.method}
                  {it.votesFor !== null &&
                    `：赞成 ${it.votesFor}，反对 ${it.votesAgainst}，弃权 ${it.votesAbstain}`}
                </div>
                <div>理由：{it.reasoning}</div>
                {it.tasks.map((t) => (
                  <div key={`${t.title}-${t.dueOn}`} data-testid="public-task">
                    落实：{t.title} · {t.ownerName} · {t.dueOn} 前 ·{' '}
                    <Tag color={t.done ? 'green' : 'blue'}>{t.progress}</Tag>
                    {t.overdue && <Tag color="red">已逾期</Tag>}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}
