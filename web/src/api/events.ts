import type { ChainVerify, EventView } from '../../../core/contracts/events';
import { api, type Page, query } from './client';

export interface EventListParams {
  page: number;
  pageSize: number;
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: string;
}

export const eventKeys = {
  all: ['events'] as const,
  list: (params: EventListParams) => ['events', 'list', params] as const,
};

export function listEvents(params: EventListParams, signal?: AbortSignal): Promise<Page<EventView>> {
  return api<Page<EventView>>('GET', `/api/events${query({ ...params })}`, undefined, { signal });
}

export function verifyChain(): Promise<ChainVerify> {
  return api<ChainVerify>('POST', '/api/events/verify');
}
