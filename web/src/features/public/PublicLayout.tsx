import { Suspense, useEffect } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { PageSpin } from '../../components/PageSpin';
import { usePublicCounty } from './usePublicCounty';

const linkStyle = ({ isActive }: { isActive: boolean }) => ({
  padding: '6px 12px',
  borderRadius: 16,
  color: isActive ? '#fff' : '#1f5fa8',
  background: isActive ? '#1f5fa8' : 'transparent',
  textDecoration: 'none',
  whiteSpace: 'nowrap' as const,
});

/** The residents' pages: one column sized for a phone, no login, no staff menu. */
export function PublicLayout() {
  const county = usePublicCounty();
  useEffect(() => {
    document.title = '群众办事 · 综治';
    return () => {
      document.title = '综治 · 三级综治中心一体化平台';
    };
  }, []);
  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f8' }}>
      <header
        style={{
          background: '#fff',
          borderBottom: '1px solid #e8ecf1',
          position: 'sticky',
          top: 0,
          zIndex: 1000,
        }}
      >
        <div
          style={{
            maxWidth: 640,
            margin: '0 auto',
            padding: '10px 12px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            flexWrap: 'wrap',
          }}
        >
          <div style={{ flex: 1, minWidth: 150 }}>
            <div style={{ fontSize: 20, fontWeight: 700, letterSpacing: 3, color: '#1f5fa8' }}>
              综治 · 群众办事
            </div>
            <div style={{ fontSize: 12, color: '#5b6b7f' }} data-testid="public-county">
              {county.data ? `${county.data.name}综治中心` : '综治中心'} · 无需登录
            </div>
          </div>
          <nav aria-label="群众办事导航" style={{ display: 'flex', gap: 4 }}>
            <NavLink to="/public/submit" style={linkStyle} data-testid="public-nav-submit">
              反映问题
            </NavLink>
            <NavLink to="/public/track" style={linkStyle} data-testid="public-nav-track">
              查询进度
            </NavLink>
            <NavLink to="/public/services" style={linkStyle} data-testid="public-nav-services">
              办事指南
            </NavLink>
          </nav>
        </div>
      </header>
      <main style={{ maxWidth: 640, margin: '0 auto', padding: 12, boxSizing: 'border-box' }}>
        <Suspense fallback={<PageSpin />}>
          <Outlet />
        </Suspense>
      </main>
      <footer
        style={{ textAlign: 'center', padding: '8px 12px 24px', fontSize: 13, color: 'rgba(0, 0, 0, 0.62)' }}
      >
        遇到紧急危险请拨打 110。<Link to="/login">工作人员登录</Link>
      </footer>
    </div>
  );
}
