/* The service worker of the grid worker's kit (generated into the build by web/sw-plugin.ts). */
const SHELL = __SHELL__;
/* The kit's page (field.html): the same for every path of the kit. */
const HTML = __HTML__;
const CACHE = 'zongzhi-shell-__VERSION__';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('zongzhi-shell-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // API answers go to the network only: they may hold personal data and must be current.
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz') return;
  if (req.mode === 'navigate') {
    // The kit's pages are the same field.html, kept with the files it names: answering from the cache
    // opens the kit at once on 3G or without signal. A new build comes as a new worker. Any other page
    // (the staff workbench, the residents' pages) is another entry: straight to the network.
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/field' || path.startsWith('/field/'))
      event.respondWith(caches.match(HTML, { cacheName: CACHE }).then((hit) => hit || fetch(req)));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    // Hashed file names never change content: the kept copy is as good as the network's.
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((hit) => hit || fetch(req)));
  }
});
