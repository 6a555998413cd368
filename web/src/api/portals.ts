import type { PublicTownPortal, SaveTownPortalsBody, TownPortalsDoc } from '../../../core/contracts/portals';
import { api } from './client';

export type { PublicTownPortal, TownPortalInput, TownPortalsDoc } from '../../../core/contracts/portals';

export const portalKeys = {
  admin: ['config', 'town-portals'] as const,
  public: (slug: string) => ['public', 'towns', slug] as const,
};

export function fetchTownPortals(signal?: AbortSignal): Promise<TownPortalsDoc> {
  return api('GET', '/api/config/town-portals', undefined, { signal });
}

export function saveTownPortals(body: SaveTownPortalsBody): Promise<TownPortalsDoc> {
  return api('PUT', '/api/config/town-portals', body);
}

export function fetchPublicTownPortal(slug: string, signal?: AbortSignal): Promise<PublicTownPortal> {
  return api('GET', `/api/public/towns/${encodeURIComponent(slug)}`, undefined, { signal });
}

/** The address a QR code carries: this site, `/t/<slug>`. */
export function townPortalUrl(slug: string, origin = window.location.origin): string {
  return `${origin}/t/${encodeURIComponent(slug)}`;
}
