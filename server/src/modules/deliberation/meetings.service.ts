/**
 * Meetings: planned with agenda items holding matters and invitations through the outbox, residents
 * registered to speak, then held (attendance, people counted in the room, minutes).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  CreateMeetingBody,
  holdMeetingSchema,
  MeetingDetail,
  speakerInputSchema,
} from '../../../../core/contracts/deliberation';
import type { MeetingStatus } from '../../../../core/domain/deliberation/model';
import { maskName, maskPhone } from '../../../../core/domain/masking';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { write } from '../events/write';
import { visibleMatterRows } from '../matters/query.service';
import { enqueue, type Notification } from '../notifications/notifications.service';
import { assertManage, assertManageRole, type Viewer } from './access';
import { viewerOf } from './bodies.service';
import * as repo from './deliberation.repo';
import { getMeeting } from './meeting-view.service';

/** 2026-03-05 09:00 in China time, for invitations. */
export function localTime(d: Date): string {
  const p = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const g = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${g('month')}月${g('day')}日 ${g('hour')}:${g('minute')}`;
}

export async function createMeeting(
  deps: Deps,
  ctx: RequestCtx,
  body: CreateMeetingBody,
): Promise<MeetingDetail> {
  const v = await viewerOf(deps, ctx);
  const b = assertManage(v, await repo.bodyById(deps.database.db, v.actor.countyCode, body.bodyId));
  const matters = await visibleMatterRows(
    deps,
    v.actor,
    body.items.flatMap((i) => i.matterIds),
  );
  if (matters.some((m) => m.countyCode !== b.countyCode)) throw new AppError('NOT_FOUND');
  const now = deps.clock.now();
  const startsAt = new Date(body.startsAt);
  if (toLocalDate(startsAt) < toLocalDate(now))
    throw new AppError('VALIDATION_FAILED', '会议时间不能早于今天。', { field: 'startsAt' });
  const members = await repo.membersOf(deps.database.db, b.countyCode, [b.id]);
  const id = randomUUID();
  const invitations = body.invite
    ? meetingInvitations(b, members, { id, startsAt, place: body.place, topic: body.topic })
    : [];
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insertMeeting(tx, {
      countyCode: b.countyCode,
      id,
      bodyId: b.id,
      orgId: b.orgId,
      orgPath: b.orgPath,
      topic: body.topic,
      startsAt,
      place: body.place,
      status: 'planned',
      createdBy: v.actor.userId,
      createdAt: now,
    });
    await repo.insertItems(
      tx,
      body.items.map((it, i) => ({
        countyCode: b.countyCode,
        id: randomUUID(),
        meetingId: id,
        seq: i + 1,
        title: it.title,
        matterIds: [...new Set(it.matterIds)],
      })),
    );
    await enqueue(deps, tx, now, invitations);
    await event({
      countyCode: b.countyCode,
      action: 'deliberation.meeting_planned',
      objectType: 'deliberation_meeting',
      objectId: id,
      after: {
        bodyId: b.id,
        topic: body.topic,
        startsAt: startsAt.toISOString(),
        items: body.items.map((i) => ({ title: i.title, matterIds: i.matterIds })),
        invitations: invitations.length,
      },
    });
  });
  return getMeeting(deps, ctx, id);
}

/** The in-app and SMS invitations to every member of the body (through the outbox). */
export function meetingInvitations(
  b: repo.BodyRow,
  members: repo.MemberRow[],
  meeting: { id: string; startsAt: Date; place: string; topic: string },
): Notification[] {
  const params = {
    bodyName: b.name,
    time: localTime(meeting.startsAt),
    place: meeting.place,
    topic: meeting.topic,
    meetingId: meeting.id,
  };
  const ref = { type: 'meeting', id: meeting.id };
  return members.flatMap((m) => {
    const out: Notification[] = [];
    if (m.userId)
      out.push({
        countyCode: b.countyCode,
        template: 'meeting_invitation',
        params,
        to: { userId: m.userId },
        ref,
      });
    if (m.phone)
      out.push({
        countyCode: b.countyCode,
        template: 'meeting_invitation',
        params,
        to: { phone: m.phone },
        ref,
      });
    return out;
  });
}

export async function meetingToManage(deps: Deps, v: Viewer, id: string) {
  assertManageRole(v.actor);
  const m = await repo.meetingById(deps.database.db, v.actor.countyCode, id);
  if (!m) throw new AppError('NOT_FOUND');
  const b = assertManage(v, await repo.bodyById(deps.database.db, m.countyCode, m.bodyId));
  return { m, b };
}

export async function registerSpeaker(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: z.infer<typeof speakerInputSchema>,
): Promise<MeetingDetail> {
  const v = await viewerOf(deps, ctx);
  const { m } = await meetingToManage(deps, v, id);
  if (m.status !== 'planned')
    throw new AppError('UNPROCESSABLE', '会议已召开，不能再登记发言。', { reason: 'MEETING_NOT_PLANNED' });
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    const locked = await repo.lockMeeting(tx, m.countyCode, id);
    if (locked?.status !== 'planned')
      throw new AppError('UNPROCESSABLE', '会议已召开，不能再登记发言。', { reason: 'MEETING_NOT_PLANNED' });
    const sid = randomUUID();
    await repo.insertSpeaker(tx, {
      countyCode: m.countyCode,
      id: sid,
      meetingId: id,
      name: body.name,
      phone: body.phone ?? null,
      subject: body.subject,
      createdAt: now,
    });
    await event({
      countyCode: m.countyCode,
      action: 'deliberation.speaker_registered',
      objectType: 'deliberation_meeting',
      objectId: id,
      after: { speakerId: sid, name: maskName(body.name), phone: maskPhone(body.phone) },
    });
  });
  return getMeeting(deps, ctx, id);
}

export async function holdMeeting(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: z.infer<typeof holdMeetingSchema>,
): Promise<MeetingDetail> {
  const v = await viewerOf(deps, ctx);
  const { m, b } = await meetingToManage(deps, v, id);
  const now = deps.clock.now();
  if (toLocalDate(m.startsAt) > toLocalDate(now))
    throw new AppError('UNPROCESSABLE', '会议日期未到，不能登记召开情况。', { reason: 'MEETING_NOT_YET' });
  const members = await repo.membersOf(deps.database.db, b.countyCode, [b.id]);
  const ids = new Set(members.map((x) => x.id));
  const present = [...new Set(body.presentMemberIds)];
  if (present.some((p) => !ids.has(p)))
    throw new AppError('VALIDATION_FAILED', '出席名单中有不是本组织成员的人。', {
      field: 'presentMemberIds',
    });
  await write(deps, ctx, async ({ tx, event }) => {
    const locked = await repo.lockMeeting(tx, m.countyCode, id);
    if (locked?.status !== 'planned')
      throw new AppError('UNPROCESSABLE', '会议已登记召开，不能重复登记。', {
        reason: 'MEETING_NOT_PLANNED',
      });
    await repo.updateMeeting(tx, m.countyCode, id, {
      status: 'held',
      presentMemberIds: present,
      countedInRoom: body.countedInRoom,
      minutes: body.minutes,
      heldAt: now,
      version: locked.version + 1,
    });
    await event({
      countyCode: m.countyCode,
      action: 'deliberation.meeting_held',
      objectType: 'deliberation_meeting',
      objectId: id,
      before: { status: 'planned' },
      after: {
        status: 'held',
        present: present.length,
        seats: members.length,
        countedInRoom: body.countedInRoom,
      },
    });
  });
  return getMeeting(deps, ctx, id);
}

export type { MeetingStatus };
