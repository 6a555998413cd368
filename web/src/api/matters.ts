import type { z } from 'zod';
import type {
  ActionBody,
  AttachmentView,
  IntakeBody,
  intakeResultSchema,
  MatterDetail,
  MatterSummary,
  matterQueues,
  PartyCorrection,
  PartyInput,
  queueCountsSchema,
  supervisionBodySchema,
} from '../../../core/contracts/matters';
import type { MatterKind, MatterStatus } from '../../../core/domain/matters/model';
import { ApiError, api, type Page, query } from './client';

export type MatterQueue = (typeof matterQueues)[number];
export type SupervisionBody = z.infer<typeof supervisionBodySchema>;
export type IntakeResult = z.infer<typeof intakeResultSchema>;
export type QueueCounts = z.infer<typeof queueCountsSchema>;

/** A printable notice (告知书、意见书); its schema lives in the server's route for now. */
export interface NoticeView {
  id: string;
  kind: string;
  title: string;
  servedAt: string;
  lines: string[];
  matterCode: string;
}

export interface MatterListParams {
  queue: MatterQueue;
  page: number;
  pageSize: number;
  q?: string;
  kind?: MatterKind;
  status?: MatterStatus;
  gridId?: string;
}

export const matterKeys = {
  all: ['matters'] as const,
  list: (params: MatterListParams) => ['matters', 'list', params] as const,
  queueCounts: ['matters', 'queues'] as const,
  detail: (id: string) => ['matters', 'detail', id] as const,
  unmasked: (id: string) => ['matters', 'unmasked', id] as const,
  notice: (id: string, noticeId: string) => ['matters', 'notice', id, noticeId] as const,
};

export function listMatters(params: MatterListParams, signal?: AbortSignal): Promise<Page<MatterSummary>> {
  return api<Page<MatterSummary>>('GET', `/api/matters${query({ ...params })}`, undefined, { signal });
}

/**
 * Matters with a party of this phone or ID number: the number goes in the body (never in an address
 * or a log); none inside the jurisdiction is an empty page.
 */
export async function searchMattersByIdentity(
  term: string,
  signal?: AbortSignal,
): Promise<Page<MatterSummary>> {
  try {
    return await api<Page<MatterSummary>>('POST', '/api/matters/identity-search', { term }, { signal });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NOT_FOUND')
      return { items: [], total: 0, page: 1, pageSize: 50 };
    throw e;
  }
}

/** How many matters each queue holds for the signed-in user. */
export function fetchQueueCounts(signal?: AbortSignal): Promise<QueueCounts> {
  return api<QueueCounts>('GET', '/api/matters/queues', undefined, { signal });
}

export function fetchMatter(id: string, signal?: AbortSignal): Promise<MatterDetail> {
  return api<MatterDetail>('GET', `/api/matters/${encodeURIComponent(id)}`, undefined, { signal });
}

/** The parties in full: an audited read, allowed to staff of the owning or receiving org. */
export function fetchMatterUnmasked(id: string, signal?: AbortSignal): Promise<MatterDetail> {
  return api<MatterDetail>(
    'GET',
    `/api/matters/${encodeURIComponent(id)}${query({ unmask: true })}`,
    undefined,
    {
      signal,
    },
  );
}

/** Staff intake at the actor's own window; the key makes a retried submission return the first answer. */
export function intakeMatter(body: IntakeBody, idempotencyKey: string): Promise<IntakeResult> {
  return api<IntakeResult>('POST', '/api/matters', body, { headers: { 'Idempotency-Key': idempotencyKey } });
}

/** One lifecycle step; null (204) when the actor can no longer see the matter afterwards. */
export async function actOnMatter(id: string, body: ActionBody): Promise<MatterDetail | null> {
  const res = await api<MatterDetail | undefined>(
    'POST',
    `/api/matters/${encodeURIComponent(id)}/actions`,
    body,
  );
  return res ?? null;
}

export function superviseMatter(id: string, body: SupervisionBody): Promise<MatterDetail> {
  return api<MatterDetail>('POST', `/api/matters/${encodeURIComponent(id)}/supervision`, body);
}

export function fetchNotice(id: string, noticeId: string, signal?: AbortSignal): Promise<NoticeView> {
  return api<NoticeView>(
    'GET',
    `/api/matters/${encodeURIComponent(id)}/notices/${encodeURIComponent(noticeId)}`,
    undefined,
    { signal },
  );
}

export function addParty(id: string, body: PartyInput): Promise<MatterDetail> {
  return api<MatterDetail>('POST', `/api/matters/${encodeURIComponent(id)}/parties`, body);
}

export function correctParty(id: string, partyId: string, body: PartyCorrection): Promise<MatterDetail> {
  return api<MatterDetail>(
    'PATCH',
    `/api/matters/${encodeURIComponent(id)}/parties/${encodeURIComponent(partyId)}`,
    body,
  );
}

export const attachmentKeys = {
  list: (id: string) => ['matters', 'attachments', id] as const,
};

export function fetchAttachments(id: string, signal?: AbortSignal): Promise<AttachmentView[]> {
  return api<AttachmentView[]>('GET', `/api/matters/${encodeURIComponent(id)}/attachments`, undefined, {
    signal,
  });
}

/** Where the browser opens an attachment (a download, audited) and its thumbnail (inline, audited). */
export const attachmentUrl = (id: string, attachmentId: string) =>
  `/api/matters/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`;
export const thumbnailUrl = (id: string, attachmentId: string) =>
  `${attachmentUrl(id, attachmentId)}/thumbnail`;
