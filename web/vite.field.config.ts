import { fileURLToPath } from 'node:url';
import { serviceWorkerPlugin } from './sw-plugin';
import { lightEntryConfig } from './vite.phone.config';

/**
 * The grid worker's kit (`/field`, `/field/*`): `web/field.html`, a light entry like the residents'
 * pages (issue 20). Its service worker (sw.js) keeps field.html and the files it names, so the kit
 * opens without signal.
 */
export default lightEntryConfig('field.html', { '/field': 'field.html', '/field/*': 'field.html' }, [
  serviceWorkerPlugin(fileURLToPath(new URL('./sw-template.js', import.meta.url)), 'field.html', [
    '/manifest.webmanifest',
    '/icon.svg',
    '/icon-maskable.svg',
  ]),
]);
