import type { MediatorView } from '../../../core/contracts/mediation';
import { api, query } from './client';

export const mediatorKeys = { list: (q: string) => ['mediators', q] as const };

/** The county's roster of mediators (every staff member who works matters may read it). */
export function listMediators(q: string, signal?: AbortSignal): Promise<MediatorView[]> {
  return api('GET', `/api/mediators${query({ q: q || undefined })}`, undefined, { signal });
}
