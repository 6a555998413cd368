/**
 * Shapes bodies, meetings and decisions for staff and members. Phones are masked (138****5678) for
 * everyone; members who are not staff see other people's names masked too (王**).
 */
import type { BodySummary, ContributionView, MeetingSummary } from '../../../../core/contracts/deliberation';
import {
  type BodyKind,
  bodyKindLabels,
  type MeetingStatus,
  meetingStatusLabels,
  type Position,
  type Seating,
} from '../../../../core/domain/deliberation/model';
import { maskName, maskPhone } from '../../../../core/domain/masking';
import type { BodyRow, ContributionRow, MeetingRow, MemberRow } from './deliberation.repo';

export function toMemberView(m: MemberRow, staff: boolean) {
  return {
    id: m.id,
    name: staff ? m.name : (maskName(m.name) ?? ''),
    phone: maskPhone(m.phone),
    hasAccount: m.userId !== null,
    position: m.position as Position,
    seatedBy: m.seatedBy as Seating,
    termStart: m.termStart,
    termEnd: m.termEnd,
  };
}

export function toBodySummary(b: BodyRow, orgName: string, memberCount: number): BodySummary {
  return {
    id: b.id,
    kind: b.kind as BodyKind,
    kindLabel: bodyKindLabels[b.kind as BodyKind],
    name: b.name,
    org: { id: b.orgId, name: orgName },
    termStart: b.termStart,
    termEnd: b.termEnd,
    memberCount,
  };
}

export function toMeetingSummary(m: MeetingRow, body: BodyRow, orgName: string): MeetingSummary {
  return {
    id: m.id,
    body: { id: body.id, name: body.name, kindLabel: bodyKindLabels[body.kind as BodyKind] },
    org: { id: m.orgId, name: orgName },
    topic: m.topic,
    startsAt: m.startsAt.toISOString(),
    place: m.place,
    status: m.status as MeetingStatus,
    statusLabel: meetingStatusLabels[m.status as MeetingStatus],
  };
}

export function toContributionView(
  c: ContributionRow,
  body: BodyRow,
  memberName: string | null,
): ContributionView {
  return {
    id: c.id,
    kind: c.kind as 'opinion' | 'service',
    body: { id: body.id, name: body.name, kindLabel: bodyKindLabels[body.kind as BodyKind] },
    matterId: c.matterId,
    memberName,
    text: c.text,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    doneAt: c.doneAt?.toISOString() ?? null,
  };
}
