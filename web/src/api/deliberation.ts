import type { z } from 'zod';
import type {
  BodyDetail,
  BodySummary,
  ContributionView,
  CreateBodyBody,
  CreateMeetingBody,
  DecideItemBody,
  holdMeetingSchema,
  MatterLinks,
  MeetingDetail,
  MeetingSummary,
  PublicDecision,
  speakerInputSchema,
} from '../../../core/contracts/deliberation';
import type { InAppMessage } from '../../../core/contracts/notifications';
import type { BodyKind } from '../../../core/domain/deliberation/model';
import { api, query } from './client';

export type HoldBody = z.infer<typeof holdMeetingSchema>;
export type SpeakerBody = z.infer<typeof speakerInputSchema>;

export const deliberationKeys = {
  all: ['deliberation'] as const,
  bodies: ['deliberation', 'bodies'] as const,
  bodiesOfKind: (kind: string) => ['deliberation', 'bodies', kind] as const,
  body: (id: string) => ['deliberation', 'body', id] as const,
  meetings: ['deliberation', 'meetings'] as const,
  meeting: (id: string) => ['deliberation', 'meeting', id] as const,
  links: (matterId: string) => ['deliberation', 'links', matterId] as const,
  publicDecisions: (orgId: string) => ['public', 'decisions', orgId] as const,
  messages: ['notifications', 'messages'] as const,
};

export async function listBodies(signal?: AbortSignal, kind?: BodyKind): Promise<BodySummary[]> {
  const url = `/api/deliberation/bodies${query({ kind })}`;
  return (await api<{ items: BodySummary[] }>('GET', url, undefined, { signal })).items;
}
export function fetchBody(id: string, signal?: AbortSignal): Promise<BodyDetail> {
  return api<BodyDetail>('GET', `/api/deliberation/bodies/${encodeURIComponent(id)}`, undefined, { signal });
}
export function createBody(body: CreateBodyBody): Promise<BodyDetail> {
  return api<BodyDetail>('POST', '/api/deliberation/bodies', body);
}
export async function listMeetings(signal?: AbortSignal): Promise<MeetingSummary[]> {
  return (await api<{ items: MeetingSummary[] }>('GET', '/api/deliberation/meetings', undefined, { signal }))
    .items;
}
export function fetchMeeting(id: string, signal?: AbortSignal): Promise<MeetingDetail> {
  return api<MeetingDetail>('GET', `/api/deliberation/meetings/${encodeURIComponent(id)}`, undefined, {
    signal,
  });
}
export function createMeeting(body: CreateMeetingBody): Promise<MeetingDetail> {
  return api<MeetingDetail>('POST', '/api/deliberation/meetings', body);
}
export function registerSpeaker(id: string, body: SpeakerBody): Promise<MeetingDetail> {
  return api<MeetingDetail>('POST', `/api/deliberation/meetings/${encodeURIComponent(id)}/speakers`, body);
}
export function holdMeeting(id: string, body: HoldBody): Promise<MeetingDetail> {
  return api<MeetingDetail>('POST', `/api/deliberation/meetings/${encodeURIComponent(id)}/hold`, body);
}
export function decideItem(id: string, itemId: string, body: DecideItemBody): Promise<MeetingDetail> {
  return api<MeetingDetail>(
    'POST',
    `/api/deliberation/meetings/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/decision`,
    body,
  );
}
export function publishMeeting(id: string): Promise<MeetingDetail> {
  return api<MeetingDetail>('POST', `/api/deliberation/meetings/${encodeURIComponent(id)}/publish`);
}
export function fetchMatterLinks(matterId: string, signal?: AbortSignal): Promise<MatterLinks> {
  return api<MatterLinks>(
    'GET',
    `/api/deliberation/matters/${encodeURIComponent(matterId)}/links`,
    undefined,
    {
      signal,
    },
  );
}
export function fetchPublicDecisions(
  orgId: string,
  signal?: AbortSignal,
): Promise<{ orgName: string; items: PublicDecision[] }> {
  return api('GET', `/api/public/deliberation/decisions${query({ orgId })}`, undefined, { signal });
}
export function recordOpinion(
  bodyId: string,
  body: { matterId: string; text: string },
): Promise<ContributionView> {
  return api<ContributionView>(
    'POST',
    `/api/deliberation/bodies/${encodeURIComponent(bodyId)}/opinions`,
    body,
  );
}
export function assignService(
  bodyId: string,
  body: { matterId: string; memberId: string; text: string },
): Promise<ContributionView> {
  return api<ContributionView>(
    'POST',
    `/api/deliberation/bodies/${encodeURIComponent(bodyId)}/service-requests`,
    body,
  );
}
export function completeService(id: string, note: string): Promise<ContributionView> {
  return api<ContributionView>('POST', `/api/deliberation/contributions/${encodeURIComponent(id)}/done`, {
    note,
  });
}
export async function fetchMessages(signal?: AbortSignal): Promise<InAppMessage[]> {
  return (await api<{ items: InAppMessage[] }>('GET', '/api/notifications/messages', undefined, { signal }))
    .items;
}
export function markMessageRead(id: string): Promise<InAppMessage> {
  return api<InAppMessage>('POST', `/api/notifications/messages/${encodeURIComponent(id)}/read`);
}
