import { useEffect } from 'react';
import { navigate, useLocation } from '../../phone/router';
import { FieldHomePage } from './FieldHomePage';
import { FieldLayout } from './FieldLayout';
import { FieldLogPage } from './FieldLogPage';
import { FieldReportPage } from './FieldReportPage';

/** The kit's three pages by path, each in the entry's one script (no page chunk to wait for offline). */
function Page({ pathname }: { pathname: string }) {
  switch (pathname) {
    case '/field/report':
      return <FieldReportPage />;
    case '/field/log':
      return <FieldLogPage />;
    default:
      return <FieldHomePage />;
  }
}

export function FieldApp() {
  const { pathname } = useLocation();
  const known = pathname === '/field' || pathname === '/field/report' || pathname === '/field/log';
  useEffect(() => {
    if (!known) navigate('/field', { replace: true });
  }, [known]);
  return (
    <FieldLayout>
      <Page key={pathname} pathname={pathname} />
    </FieldLayout>
  );
}
