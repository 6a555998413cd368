/**
 * A town's own residents' entry (掌上四坝 …) at `/t/<slug>`: its name and center first, the two things a
 * resident comes for (反映问题, 查询进度), the town's notices and the services it puts first. Same
 * product, same forms: a submission from here is an ordinary online matter.
 */
import { useEffect } from 'react';
import { ApiError } from '../../api/client';
import { fetchPublicTownPortal } from '../../api/portals';
import { useFetch } from '../../phone/fetch';
import { Alert } from '../../phone/kit/Alert';
import { buttonClass } from '../../phone/kit/Button';
import { Card } from '../../phone/kit/Card';
import { Spin } from '../../phone/kit/Spin';
import { Link } from '../../phone/router';
import { PublicServiceList } from './PublicServiceList';

export function TownPortalPage({ slug }: { slug: string }) {
  const portal = useFetch(`portal:${slug}`, () => fetchPublicTownPortal(slug), {
    staleMs: 60_000,
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2,
  });
  const title = portal.data?.title;
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · 综治`;
    // Leaving for the ordinary residents' pages gives them their own title back.
    return () => {
      document.title = '群众办事 · 综治';
    };
  }, [title]);

  if (portal.isPending) return <Spin />;
  if (portal.isError || !portal.data) {
    const missing = portal.error instanceof ApiError && portal.error.status === 404;
    return (
      <Alert
        type={missing ? 'warning' : 'error'}
        title={missing ? portal.error?.message : '暂时无法连接服务器，请稍后再试。'}
        description={
          <Link to="/public/submit" style={{ textDecoration: 'underline' }}>
            到区综治中心网上反映
          </Link>
        }
      />
    );
  }
  const p = portal.data;
  return (
    <div data-testid="town-portal">
      <section
        style={{
          background: '#1f5fa8',
          color: '#fff',
          borderRadius: 8,
          padding: '16px 16px 14px',
          marginBottom: 12,
        }}
        aria-labelledby="town-portal-title"
      >
        <h1 id="town-portal-title" style={{ margin: 0, fontSize: 24, letterSpacing: 2 }}>
          {p.title}
        </h1>
        <div style={{ marginTop: 4, fontSize: 14 }} data-testid="town-portal-center">
          {p.place.centerName}
          {p.place.contact ? ` · ${p.place.contact}` : ''}
        </div>
        {p.intro ? <p style={{ margin: '8px 0 0', fontSize: 14, lineHeight: 1.6 }}>{p.intro}</p> : null}
        <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
          <Link
            to="/public/submit"
            className={buttonClass('default', true, 'large')}
            style={{ flex: 1 }}
            data-testid="town-portal-submit"
          >
            有事网上说
          </Link>
          <Link to="/public/track" className={buttonClass('ghost', true, 'large')} style={{ flex: 1 }}>
            查询办理进度
          </Link>
        </div>
      </section>
      {p.notices.length > 0 && (
        <Card title="通知公告" data-testid="town-portal-notices">
          {p.notices.map((n) => (
            <article
              key={`${n.date}-${n.title}`}
              style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <strong>{n.title}</strong>
              <span className="zz-muted zz-small" style={{ marginLeft: 8 }}>
                {n.date}
              </span>
              <p style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{n.body}</p>
            </article>
          ))}
        </Card>
      )}
      <Card title="办事指南" data-testid="town-portal-services">
        <PublicServiceList items={p.services} />
      </Card>
    </div>
  );
}
