import { useEffect } from 'react';
import { PublicDecisionsPage } from '../features/public/PublicDecisionsPage';
import { PublicLayout } from '../features/public/PublicLayout';
import { PublicServicesPage } from '../features/public/PublicServicesPage';
import { PublicSubmitPage } from '../features/public/PublicSubmitPage';
import { PublicTrackPage } from '../features/public/PublicTrackPage';
import { TownPortalPage } from '../features/public/TownPortalPage';
import { Alert } from './kit/Alert';
import { Link, navigate, useLocation } from './router';

function NotFound() {
  return (
    <Alert
      type="warning"
      title="没有这个页面"
      description={
        <Link to="/public/submit" style={{ textDecoration: 'underline' }}>
          到网上反映问题
        </Link>
      }
    />
  );
}

/** The residents' pages by path: each is on screen with the entry's one script, no page chunk to wait for. */
function Page({ pathname }: { pathname: string }) {
  const town = /^\/t\/([^/]+)$/.exec(pathname);
  if (town) return <TownPortalPage slug={decodeURIComponent(town[1]!)} />;
  switch (pathname) {
    case '/public':
    case '/public/submit':
      return <PublicSubmitPage />;
    case '/public/track':
      return <PublicTrackPage />;
    case '/public/services':
      return <PublicServicesPage />;
    case '/public/decisions':
      return <PublicDecisionsPage />;
    default:
      return <NotFound />;
  }
}

export function PhoneApp() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (pathname === '/public') navigate('/public/submit', { replace: true });
  }, [pathname]);
  return (
    <PublicLayout>
      {/* A new page starts afresh (its state, its effects' cleanup: the form's draft is saved). */}
      <Page key={pathname} pathname={pathname} />
    </PublicLayout>
  );
}
