/**
 * A residents' page (`/public/*`, `/t/*`) reached inside the staff app (登录页's 群众办事 link, a
 * meeting's 村务公开 link): those pages are the phone entry (web/phone.html), which the server sends
 * for their paths, so the browser loads the address afresh. If this very document was loaded for the
 * address (a server without the phone build), reloading would loop: a link is offered instead.
 */
import { useEffect } from 'react';
import { FullPageSpin } from './auth';

function loadedForThisAddress(): boolean {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.name === window.location.href;
}

export function PhoneEntry() {
  const here = loadedForThisAddress();
  useEffect(() => {
    if (!here) window.location.replace(window.location.href);
  }, [here]);
  if (!here) return <FullPageSpin tip="正在打开群众办事页面…" />;
  return (
    <div style={{ padding: 24, textAlign: 'center' }}>
      群众办事页面暂时无法打开，请稍后<a href={window.location.href}>重新加载</a>。
    </div>
  );
}
