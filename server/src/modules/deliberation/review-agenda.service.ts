/**
 * 研判会议 as deliberation: a center's 社会治安研判调度会 is a body of kind `risk_review`, its sittings are
 * ordinary meetings (planned → held → published, decisions with tasks), and a risk warning a leader
 * puts before it is an ordinary agenda item holding the warning's matters, with the warning's
 * explanation as the item's background. Reusing the meeting model keeps attendance, minutes,
 * decisions and the tasks they create in one place instead of a second, thinner copy of them.
 *
 * Only a meeting of the leader's own center (the body attached to his org, not one below it): a town
 * leader cannot fill the district's agenda, and the district does not table items for a village.
 * The caller (risk.service) owns the transaction, so the warning's status and the item change together.
 */
import { randomUUID } from 'node:crypto';
import type { ReviewLink, ReviewOptions } from '../../../../core/contracts/risk';
import {
  type MeetingStatus,
  meetingStatusLabels,
  type Outcome,
  outcomeLabels,
} from '../../../../core/domain/deliberation/model';
import { startOfLocalDay, toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { recordEvent } from '../events/events.service';
import { enqueue } from '../notifications/notifications.service';
import { mayManageRole } from './access';
import * as repo from './deliberation.repo';
import { meetingInvitations } from './meetings.service';

const REVIEW_KIND = 'risk_review';

type Leader = Actor & { orgId: string; orgPath: string };

function assertReviewer(actor: Actor): asserts actor is Leader {
  if (!mayManageRole(actor) || !actor.orgId) throw new AppError('FORBIDDEN');
}

export async function reviewOptions(deps: Deps, actor: Actor): Promise<ReviewOptions> {
  assertReviewer(actor);
  const bodies = await repo.bodiesOfOrg(deps.database.db, actor.countyCode, actor.orgId, REVIEW_KIND);
  const today = startOfLocalDay(toLocalDate(deps.clock.now()));
  const meetings = await repo.plannedMeetingsOf(
    deps.database.db,
    actor.countyCode,
    bodies.map((b) => b.id),
    today,
  );
  const items = await repo.itemsOf(
    deps.database.db,
    actor.countyCode,
    meetings.map((m) => m.id),
  );
  const name = new Map(bodies.map((b) => [b.id, b.name]));
  return {
    meetings: meetings.map((m) => ({
      id: m.id,
      bodyName: name.get(m.bodyId) ?? '',
      topic: m.topic,
      startsAt: m.startsAt.toISOString(),
      place: m.place,
      itemCount: items.filter((i) => i.meetingId === m.id).length,
    })),
    bodies: bodies.map((b) => ({ id: b.id, name: b.name })),
  };
}

export interface ReviewTarget {
  meetingId?: string | undefined;
  newMeeting?: { bodyId: string; topic: string; startsAt: string; place: string } | undefined;
}

/** A planned meeting of a 研判会 of the actor's own org, locked; or a new one, planned and invited. */
async function meetingFor(tx: Tx, deps: Deps, ctx: RequestCtx, actor: Leader, target: ReviewTarget) {
  const now = deps.clock.now();
  const notHere = () =>
    new AppError('UNPROCESSABLE', '只能列入本级研判会尚未召开的会议。', { reason: 'NOT_A_REVIEW_MEETING' });
  if (target.meetingId) {
    const m = await repo.lockMeeting(tx, actor.countyCode, target.meetingId);
    if (!m || m.countyCode !== actor.countyCode) throw new AppError('NOT_FOUND');
    const b = await repo.bodyById(tx, m.countyCode, m.bodyId);
    if (!b || b.kind !== REVIEW_KIND || b.orgId !== actor.orgId) throw notHere();
    if (m.status !== 'planned' || toLocalDate(m.startsAt) < toLocalDate(now)) throw notHere();
    return { m, b };
  }
  const nm = target.newMeeting!;
  const b = await repo.bodyById(tx, actor.countyCode, nm.bodyId);
  if (!b || b.countyCode !== actor.countyCode) throw new AppError('NOT_FOUND');
  if (b.kind !== REVIEW_KIND || b.orgId !== actor.orgId) throw notHere();
  const startsAt = new Date(nm.startsAt);
  if (toLocalDate(startsAt) < toLocalDate(now))
    throw new AppError('VALIDATION_FAILED', '会议时间不能早于今天。', { field: 'newMeeting.startsAt' });
  const id = randomUUID();
  const row = {
    countyCode: b.countyCode,
    id,
    bodyId: b.id,
    orgId: b.orgId,
    orgPath: b.orgPath,
    topic: nm.topic,
    startsAt,
    place: nm.place,
    status: 'planned',
    createdBy: actor.userId,
    createdAt: now,
  };
  await repo.insertMeeting(tx, row);
  const invitations = meetingInvitations(b, await repo.membersOf(tx, b.countyCode, [b.id]), row);
  await enqueue(deps, tx, now, invitations);
  await recordEvent(tx, ctx, deps.clock, {
    countyCode: b.countyCode,
    action: 'deliberation.meeting_planned',
    objectType: 'deliberation_meeting',
    objectId: id,
    after: {
      bodyId: b.id,
      topic: nm.topic,
      startsAt: startsAt.toISOString(),
      invitations: invitations.length,
    },
  });
  const m = await repo.meetingById(tx, b.countyCode, id);
  return { m: m!, b };
}

/** Adds the item at the end of the agenda and logs it on the meeting. */
export async function addReviewItem(
  tx: Tx,
  deps: Deps,
  ctx: RequestCtx,
  actor: Actor,
  target: ReviewTarget,
  item: { title: string; background: string; matterIds: string[]; source: { type: string; id: string } },
): Promise<{ meetingId: string; itemId: string }> {
  assertReviewer(actor);
  const { m } = await meetingFor(tx, deps, ctx, actor, target);
  const existing = await repo.itemsOf(tx, m.countyCode, [m.id]);
  const itemId = randomUUID();
  const seq = existing.reduce((n, i) => Math.max(n, i.seq), 0) + 1;
  await repo.insertItems(tx, [
    {
      countyCode: m.countyCode,
      id: itemId,
      meetingId: m.id,
      seq,
      title: item.title,
      background: item.background,
      matterIds: [...new Set(item.matterIds)],
    },
  ]);
  await repo.updateMeeting(tx, m.countyCode, m.id, { version: m.version + 1 });
  await recordEvent(tx, ctx, deps.clock, {
    countyCode: m.countyCode,
    action: 'deliberation.item_added',
    objectType: 'deliberation_meeting',
    objectId: m.id,
    after: { itemId, seq, title: item.title, matterIds: item.matterIds, from: item.source },
  });
  return { meetingId: m.id, itemId };
}

/** Where each agenda item stands, for the warnings (of one county) that became them. */
export async function reviewLinks(
  deps: Deps,
  county: string,
  itemIds: string[],
): Promise<Map<string, ReviewLink>> {
  const items = await repo.itemsByIds(deps.database.db, county, itemIds);
  const meetings = new Map(
    (
      await repo.meetingsByIds(
        deps.database.db,
        county,
        items.map((i) => i.meetingId),
      )
    ).map((m) => [m.id, m]),
  );
  const out = new Map<string, ReviewLink>();
  for (const i of items) {
    const m = meetings.get(i.meetingId);
    if (!m) continue;
    out.set(i.id, {
      meetingId: m.id,
      topic: m.topic,
      startsAt: m.startsAt.toISOString(),
      meetingStatus: m.status as MeetingStatus,
      meetingStatusLabel: meetingStatusLabels[m.status as MeetingStatus],
      itemSeq: i.seq,
      outcomeLabel: i.outcome ? outcomeLabels[i.outcome as Outcome] : null,
    });
  }
  return out;
}
