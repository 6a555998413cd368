import type { MeetingDetail, MeetingSummary } from '../../../../core/contracts/deliberation';
import type { DecisionMethod, Outcome } from '../../../../core/domain/deliberation/model';
import { pathIds } from '../../../../core/domain/jurisdiction';
import { maskName, maskPhone } from '../../../../core/domain/masking';
import { type MatterStatus, matterStatusLabels } from '../../../../core/domain/matters/model';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { matterRowsByIds } from '../matters/query.service';
import { deliveryOf } from '../notifications/notifications.service';
import { orgRowsByIds } from '../orgs/orgs.service';
import { assertSee, canManageBody, isDeliberationStaff, type Viewer } from './access';
import { viewerOf } from './bodies.service';
import { toMeetingSummary, toMemberView } from './deliberation.presenter';
import * as repo from './deliberation.repo';

/** Done, for progress: answered to the resident, rated, visited or archived. */
export const doneStatuses: readonly string[] = ['answered', 'rated', 'followed_up', 'archived'];

async function meetingFor(deps: Deps, v: Viewer, id: string) {
  const m = await repo.meetingById(deps.database.db, v.actor.countyCode, id);
  if (!m) throw new AppError('NOT_FOUND');
  const b = assertSee(v, await repo.bodyById(deps.database.db, m.countyCode, m.bodyId));
  return { m, b };
}

export async function listMeetings(
  deps: Deps,
  ctx: RequestCtx,
  q: { bodyId?: string | undefined; status?: string | undefined },
): Promise<MeetingSummary[]> {
  const v = await viewerOf(deps, ctx);
  const staff = isDeliberationStaff(v.actor);
  if (q.bodyId) assertSee(v, await repo.bodyById(deps.database.db, v.actor.countyCode, q.bodyId));
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
        v.actor.countyCode,
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
    repo.membersOf(deps.database.db, b.countyCode, [b.id]),
    repo.itemsOf(deps.database.db, m.countyCode, [m.id]),
    repo.speakersOf(deps.database.db, m.countyCode, m.id),
    repo.tasksOf(deps.database.db, m.countyCode, [m.id]),
  ]);
  const matters = new Map(
    (
      await matterRowsByIds(deps, m.countyCode, [
        ...items.flatMap((i) => i.matterIds),
        ...tasks.map((t) => t.matterId),
      ])
    ).map((x) => [x.id, x]),
  );
  const above = pathIds(m.orgPath);
  const orgs = await orgRowsByIds(deps, [m.orgId, ...above, ...tasks.map((t) => t.ownerOrgId)]);
  const delivery = await deliveryOf(deps, m.countyCode, 'meeting', [m.id]);
  const today = toLocalDate(deps.clock.now());
  const memberByUser = new Map(members.filter((x) => x.userId).map((x) => [x.userId!, x]));
  return {
    ...toMeetingSummary(m, b, orgs.get(m.orgId)?.name ?? ''),
    items: items.map((it) => ({
      id: it.id,
      seq: it.seq,
      title: it.title,
      background: it.background,
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
