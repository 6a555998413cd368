import { type ReactNode, useEffect } from 'react';
import { Link, useLocation } from '../../phone/router';
import { usePublicCounty } from './usePublicCounty';

const nav = [
  { to: '/public/submit', label: '反映问题', testId: 'public-nav-submit' },
  { to: '/public/track', label: '查询进度', testId: 'public-nav-track' },
  { to: '/public/services', label: '办事指南', testId: 'public-nav-services' },
] as const;

/** The residents' pages: one column sized for a phone, no login, no staff menu. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const county = usePublicCounty();
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = '群众办事 · 综治';
  }, []);
  return (
    <>
      <header className="zz-header">
        <div className="zz-header-inner">
          <div className="zz-brand">
            <div className="zz-brand-name">综治 · 群众办事</div>
            <div className="zz-brand-sub" data-testid="public-county">
              {county.data ? `${county.data.name}综治中心` : '综治中心'} · 无需登录
            </div>
          </div>
          <nav aria-label="群众办事导航" className="zz-nav">
            {nav.map((n) => (
              <Link
                key={n.to}
                to={n.to}
                data-testid={n.testId}
                aria-current={pathname === n.to ? 'page' : undefined}
              >
                {n.label}
              </Link>
            ))}
          </nav>
        </div>
      </header>
      <main className="zz-main">{children}</main>
      <footer className="zz-footer">
        遇到紧急危险请拨打 110。<a href="/login">工作人员登录</a>
      </footer>
    </>
  );
}
