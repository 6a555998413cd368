/**
 * A phone page reached inside the staff app: a residents' page (`/public/*`, `/t/*`: 登录页's 群众办事
 * link, a meeting's 村务公开 link) or the grid worker's kit (`/field`: the menu, the login page's way
 * back). Those pages are the phone entries (web/phone.html, web/field.html), which the server sends
 * for their paths, so the browser loads the address afresh. If this very document was loaded for the
 * address (a server without the phone build), reloading would loop: a link is offered instead.
 */
import { useEffect } from 'react';
import { FullPageSpin } from './auth';

function loadedForThisAddress(): boolean {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.name === window.location.href;
}

export function PhoneEntry({ name = '群众办事' }: { name?: string }) {
  const here = loadedForThisAddress();
  useEffect(() => {
    if (!here) window.location.replace(window.location.href);
  }, [here]);
  if (!here) return <FullPageSpin tip={`正在打开${name}页面…`} />;
  return (
    <div style={{ padding: 24, textAlign: 'center' }}>
      {name}页面暂时无法打开，请稍后<a href={window.location.href}>重新加载</a>。
    </div>
  );
}
