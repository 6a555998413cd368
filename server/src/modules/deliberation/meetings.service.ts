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
  MeetingSummary,
  speakerInputSchema,
} from '../../../../core/contracts/deliberation';
import type { DecisionMethod, MeetingStatus, Outcome } from '../../../../core/domain/deliberation/model';
import { pathIds } from '../../../../core/domain/jurisdiction';
import { maskName, maskPhone } from '../../../../core/domain/masking';
import { type MatterStatus, matterStatusLabels } from '../../../../core/domain/matters/model';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';
import { matterRowsByIds, visibleMatterRows } from '../matters/query.service';
import { deliveryOf, enqueue, type Notification } from '../notifications/notifications.service';
import { orgRowsByIds } from '../orgs/orgs.service';
import {
  assertManage,
  assertManageRole,
  assertSee,
  canManageBody,
  isDeliberationStaff,
  type Viewer,
} from './access';
import { viewerOf } from './bodies.service';
import { toMeetingSummary, toMemberView } from './deliberation.presenter';
import * as repo from './deliberation.repo';

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

/** Done, for progress: answered to the resident, rated, visited or archived. */
export const doneStatuses: readonly string[] = ['answered', 'rated', 'followed_up', 'archived'];

export async function createMeeting(
  deps: Deps,
  ctx: RequestCtx,
  body: CreateMeetingBody,
): Promise<MeetingDetail> {
  const v = await viewerOf(deps, ctx);
  const b = assertManage(v, await repo.bodyById(deps.database.db, body.bodyId));
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
  const members = await repo.membersOf(deps.database.db, [b.id]);
  const id = randomUUID();
  const invitations: Notification[] = body.invite
    ? members.flatMap((m) => {
        const params = {
          bodyName: b.name,
          time: localTime(startsAt),
          place: body.place,
          topic: body.topic,
          meetingId: id,
        };
        const ref = { type: 'meeting', id };
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
      })
    : [];
  await deps.database.transaction(async (tx) => {
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
    await enqueue(tx, now, invitations);
    await recordEvent(tx, ctx, deps.clock, {
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
  deps.kickSealer();
  return getMeeting(deps, ctx, id);
}

async function meetingFor(deps: Deps, v: Viewer, id: string) {
  const m = await repo.meetingById(deps.database.db, id);
  if (!m) throw new AppError('NOT_FOUND');
  const b = assertSee(v, await repo.bodyById(deps.database.db, m.bodyId));
  return { m, b };
}

export async function meetingToManage(deps: Deps, v: Viewer, id: string) {
  assertManageRole(v.actor);
  const m = await repo.meetingById(deps.database.db, id);
  if (!m) throw new AppError('NOT_FOUND');
  const b = assertManage(v, await repo.bodyById(deps.database.db, m.bodyId));
  return { m, b };
}

export async function listMeetings(
  deps: Deps,
  ctx: RequestCtx,
  q: { bodyId?: string | undefined; status?: string | undefined },
): Promise<MeetingSummary[]> {
  const v = await viewerOf(deps, ctx);
  const staff = isDeliberationStaff(v.actor);
  if (q.bodyId) assertSee(v, await repo.bodyById(deps.database.db, q.bodyId));
  const rows = await repo.listMeetings(deps.database.db, {
    countyCode: v.actor.countyCode,
    path: staff ? v.actor.orgPath : null,
    bodyIds: v.seats,
    ...(q.bodyId ? { bodyId: q.bodyId } : {}),
    ...(q.status ? { status: q.status } : {}),
  });
  const bodies = new Map(
    (
      await repo.bodiesByIds(
        deps.database.db,
        rows.map((r) => r.bodyId),
      )
    ).map((b) => [b.id, b]),
  );
  const orgs = await orgRowsByIds(
    deps,
    rows.map((r) => r.orgId),
  );
  return rows.map((m) => toMeetingSummary(m, bodies.get(m.bodyId)!, orgs.get(m.orgId)?.name ?? ''));
}

export async function getMeeting(deps: Deps, ctx: RequestCtx, id: string): Promise<MeetingDetail> {
  const v = await viewerOf(deps, ctx);
  const { m, b } = await meetingFor(deps, v, id);
  const staff = isDeliberationStaff(v.actor);
  const [members, items, speakers, tasks] = await Promise.all([
    repo.membersOf(deps.database.db, [b.id]),
    repo.itemsOf(deps.database.db, [m.id]),
    repo.speakersOf(deps.database.db, m.id),
    repo.tasksOf(deps.database.db, [m.id]),
  ]);
  const matters = new Map(
    (
      await matterRowsByIds(deps, [...items.flatMap((i) => i.matterIds), ...tasks.map((t) => t.matterId)])
    ).map((x) => [x.id, x]),
  );
  const above = pathIds(m.orgPath);
  const orgs = await orgRowsByIds(deps, [m.orgId, ...above, ...tasks.map((t) => t.ownerOrgId)]);
  const delivery = await deliveryOf(deps, 'meeting', [m.id]);
  const today = toLocalDate(deps.clock.now());
  const memberByUser = new Map(members.filter((x) => x.userId).map((x) => [x.userId!, x]));
  return {
    ...toMeetingSummary(m, b, orgs.get(m.orgId)?.name ?? ''),
    items: items.map((it) => ({
      id: it.id,
      seq: it.seq,
      title: it.title,
      matters: it.matterIds.flatMap((mid) => {
        const x = matters.get(mid);
        return x
          ? [{ id: x.id, code: x.code, title: x.title, status: matterStatusLabels[x.status as MatterStatus] }]
          : [];
      }),
      method: (it.method as DecisionMethod | null) ?? null,
      votesFor: it.votesFor,
      votesAgainst: it.votesAgainst,
      votesAbstain: it.votesAbstain,
      paperBallots: it.ballotsEnteredBy !== null,
      outcome: (it.outcome as Outcome | null) ?? null,
      reasoning: it.reasoning,
      dissent: it.dissent,
      decidedAt: it.decidedAt?.toISOString() ?? null,
      tasks: tasks
        .filter((t) => t.itemId === it.id)
        .map((t) => {
          const x = matters.get(t.matterId);
          return {
            id: t.id,
            title: t.title,
            owner: { id: t.ownerOrgId, name: orgs.get(t.ownerOrgId)?.name ?? '' },
            dueOn: t.dueOn,
            matterId: t.matterId,
            matterCode: x?.code ?? '',
            matterStatus: x ? matterStatusLabels[x.status as MatterStatus] : '',
            done: !!x && doneStatuses.includes(x.status),
            overdue: !(x && doneStatuses.includes(x.status)) && today > t.dueOn,
          };
        }),
    })),
    members: members.map((x) => toMemberView(x, staff)),
    presentMemberIds: m.presentMemberIds,
    countedInRoom: m.countedInRoom,
    minutes: m.minutes,
    speakers: speakers.map((s) => ({
      id: s.id,
      name: staff ? s.name : (maskName(s.name) ?? ''),
      phone: maskPhone(s.phone),
      subject: s.subject,
    })),
    invitations: delivery.map((d) => ({
      channel: d.channel === 'sms' ? '短信' : '站内消息',
      status: d.status === 'sent' ? '已送达' : d.status === 'failed' ? '发送失败' : '待发送',
      attempts: d.attempts,
      recipient:
        d.channel === 'sms'
          ? (d.recipientPhone ?? '')
          : (() => {
              const name = memberByUser.get(d.recipientUserId ?? '')?.name ?? '';
              return staff ? name : (maskName(name) ?? '');
            })(),
    })),
    heldAt: m.heldAt?.toISOString() ?? null,
    publishedAt: m.publishedAt?.toISOString() ?? null,
    mayManage: canManageBody(v.actor, b),
    // Nearest first: the body's own org, then its town, then the district.
    taskOwners: [...above].reverse().flatMap((id) => {
      const o = orgs.get(id);
      return o ? [{ id: o.id, name: o.name }] : [];
    }),
  };
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
  await deps.database.transaction(async (tx) => {
    const locked = await repo.lockMeeting(tx, id);
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
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'deliberation.speaker_registered',
      objectType: 'deliberation_meeting',
      objectId: id,
      after: { speakerId: sid, name: maskName(body.name), phone: maskPhone(body.phone) },
    });
  });
  deps.kickSealer();
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
  const members = await repo.membersOf(deps.database.db, [b.id]);
  const ids = new Set(members.map((x) => x.id));
  const present = [...new Set(body.presentMemberIds)];
  if (present.some((p) => !ids.has(p)))
    throw new AppError('VALIDATION_FAILED', '出席名单中有不是本组织成员的人。', {
      field: 'presentMemberIds',
    });
  await deps.database.transaction(async (tx) => {
    const locked = await repo.lockMeeting(tx, id);
    if (locked?.status !== 'planned')
      throw new AppError('UNPROCESSABLE', '会议已登记召开，不能重复登记。', {
        reason: 'MEETING_NOT_PLANNED',
      });
    await repo.updateMeeting(tx, id, {
      status: 'held',
      presentMemberIds: present,
      countedInRoom: body.countedInRoom,
      minutes: body.minutes,
      heldAt: now,
      version: locked.version + 1,
    });
    await recordEvent(tx, ctx, deps.clock, {
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
  deps.kickSealer();
  return getMeeting(deps, ctx, id);
}

export type { MeetingStatus };
