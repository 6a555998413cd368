import type {
  CreatedOpen311Client,
  CreateOpen311ClientBody,
  Open311Client,
} from '../../../core/contracts/open311';
import { api } from './client';

export const open311ClientKeys = { all: ['open311-clients'] as const };

export function listOpen311Clients(signal?: AbortSignal): Promise<Open311Client[]> {
  return api<Open311Client[]>('GET', '/api/open311/clients', undefined, { signal });
}

export function createOpen311Client(body: CreateOpen311ClientBody): Promise<CreatedOpen311Client> {
  return api<CreatedOpen311Client>('POST', '/api/open311/clients', body);
}

export function revokeOpen311Client(id: string): Promise<Open311Client> {
  return api<Open311Client>('POST', `/api/open311/clients/${encodeURIComponent(id)}/revoke`);
}
