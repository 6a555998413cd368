/**
 * The phone entry's router: a path switch over the History API instead of React Router's data router
 * (about 37 KB compressed for nested routes and data loading these pages do not have). A path
 * outside the entry's own (工作人员登录, a staff page) is a full page load: the server sends that
 * path's entry for it. The residents' entry and the grid worker's (`/field`) share it.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

export interface PhoneLocation {
  /** Without a trailing slash: `/public/submit`. */
  pathname: string;
  search: string;
  /** What the page that navigated here handed over in memory (never in the address). */
  state: unknown;
}

/** The paths the phone entry serves (and the server sends phone.html for). */
export function isPhonePath(pathname: string): boolean {
  return pathname === '/public' || pathname.startsWith('/public/') || pathname.startsWith('/t/');
}

/** The paths the grid worker's entry serves (web/field.html). */
export function isFieldPath(pathname: string): boolean {
  return pathname === '/field' || pathname.startsWith('/field/');
}

/**
 * The paths this page's entry answers in the page; any other is a full page load (the server sends
 * that path's own HTML). The residents' entry by default; the grid worker's entry sets its own.
 */
let ownPath: (pathname: string) => boolean = isPhonePath;

export function servePaths(test: (pathname: string) => boolean): void {
  ownPath = test;
}

function read(): PhoneLocation {
  const s = window.history.state as { usr?: unknown } | null;
  return {
    pathname: window.location.pathname.replace(/\/+$/, '') || '/',
    search: window.location.search,
    state: s?.usr ?? null,
  };
}

let current = read();
const listeners = new Set<() => void>();

function changed(): void {
  current = read();
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', changed);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLocation(): PhoneLocation {
  return useSyncExternalStore(subscribe, () => current);
}

export function navigate(to: string, opts: { state?: unknown; replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin || !ownPath(url.pathname)) {
    window.location.assign(url.href);
    return;
  }
  const method = opts.replace ? 'replaceState' : 'pushState';
  window.history[method]({ usr: opts.state ?? null }, '', `${url.pathname}${url.search}`);
  changed();
  if (!opts.replace) window.scrollTo({ top: 0 });
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; 'data-testid'?: string };

/** An ordinary link (it opens in a new tab as any other); a plain click stays in the page. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (!ownPath(new URL(to, window.location.href).pathname)) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}
