/**
 * A body's work on single matters outside meetings:
 * - 道德评判团: asked for an opinion on a dispute under mediation; the opinion is recorded as a
 *   contribution to the mediation's current session and appears in the matter's timeline;
 * - 百事服务团: a small service request taken in at the village window is assigned to one of its
 *   members (who is told by SMS / in-app through the outbox).
 * And the links of a matter to deliberation (agenda items, the decision that created it, contributions),
 * so a task can be followed from the matter back to its meeting.
 */

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  MatterLinks,
  opinionInputSchema,
  serviceAssignInputSchema,
} from '../../../../core/contracts/deliberation';
import { maskName } from '../../../../core/domain/masking';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { write } from '../events/write';
import { canSeeMatter, visibleMatterRows } from '../matters/query.service';
import { enqueue, type Notification } from '../notifications/notifications.service';
import { isDeliberationStaff, staffSees } from './access';
import { viewerOf } from './bodies.service';
import { toContributionView } from './deliberation.presenter';
import * as repo from './deliberation.repo';
import { doneStatuses } from './meeting-view.service';

export async function recordOpinion(
  deps: Deps,
  ctx: RequestCtx,
  bodyId: string,
  input: z.infer<typeof opinionInputSchema>,
) {
  const v = await viewerOf(deps, ctx);
  if (!can(v.actor.roles, 'deliberation.opinion'))
    throw new AppError('FORBIDDEN', '只有调解员和窗口、办理人员可以记录评判意见。');
  const b = await repo.bodyById(deps.database.db, v.actor.countyCode, bodyId);
  if (!b || !staffSees(v.actor, b)) throw new AppError('NOT_FOUND');
  if (b.kind !== 'panel')
    throw new AppError('UNPROCESSABLE', '只有评判团可以出具评判意见。', { reason: 'NOT_A_PANEL' });
  const [m] = await visibleMatterRows(deps, v.actor, [input.matterId]);
  if (!m) throw new AppError('NOT_FOUND');
  if (m.countyCode !== b.countyCode) throw new AppError('NOT_FOUND');
  if (m.status !== 'mediating' || !m.state.mediation)
    throw new AppError('UNPROCESSABLE', '该事项不在调解中，评判意见只能作为调解的一部分记录。', {
      reason: 'NOT_MEDIATING',
    });
  const now = deps.clock.now();
  const id = randomUUID();
  const session = m.state.mediation.sessions;
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insertContribution(tx, {
      countyCode: b.countyCode,
      id,
      bodyId: b.id,
      matterId: m.id,
      kind: 'opinion',
      memberId: null,
      text: input.text,
      status: 'recorded',
      createdBy: v.actor.userId,
      createdAt: now,
    });
    await event({
      countyCode: b.countyCode,
      action: 'matter.panel_opinion',
      objectType: 'matter',
      objectId: m.id,
      reason: `${b.name}评判意见`,
      after: { contributionId: id, bodyId: b.id, mediationSession: session },
    });
  });
  return toContributionView(
    (await repo.contributionsOfMatter(deps.database.db, m.countyCode, m.id)).find((c) => c.id === id)!,
    b,
    null,
  );
}

export async function assignService(
  deps: Deps,
  ctx: RequestCtx,
  bodyId: string,
  input: z.infer<typeof serviceAssignInputSchema>,
) {
  const v = await viewerOf(deps, ctx);
  if (!can(v.actor.roles, 'deliberation.manage'))
    throw new AppError('FORBIDDEN', '只有窗口、办理人员和领导可以派单。');
  const b = await repo.bodyById(deps.database.db, v.actor.countyCode, bodyId);
  if (!b || !staffSees(v.actor, b)) throw new AppError('NOT_FOUND');
  if (b.kind !== 'service_team')
    throw new AppError('UNPROCESSABLE', '只有服务团可以承接便民服务。', { reason: 'NOT_A_SERVICE_TEAM' });
  const [m] = await visibleMatterRows(deps, v.actor, [input.matterId]);
  if (!m || m.countyCode !== b.countyCode) throw new AppError('NOT_FOUND');
  if (m.kind !== 'request' || m.ownerOrgId !== b.orgId)
    throw new AppError('UNPROCESSABLE', '服务团只承接本村（社区）窗口受理的便民服务诉求。', {
      reason: 'NOT_A_VILLAGE_REQUEST',
    });
  if (
    doneStatuses.includes(m.status) ||
    ['merged', 'voided', 'not_accepted', 'channelled'].includes(m.status)
  )
    throw new AppError('UNPROCESSABLE', '该事项已办结，不能再派单。', { reason: 'MATTER_CLOSED' });
  const member = (await repo.membersOf(deps.database.db, b.countyCode, [b.id])).find(
    (x) => x.id === input.memberId,
  );
  if (!member) throw new AppError('VALIDATION_FAILED', '所选成员不属于该服务团。', { field: 'memberId' });
  const now = deps.clock.now();
  const id = randomUUID();
  const params = { code: m.code, task: input.text };
  const tell: Notification[] = [];
  if (member.phone)
    tell.push({
      countyCode: b.countyCode,
      template: 'service_assignment',
      params,
      to: { phone: member.phone },
      ref: { type: 'deliberation_contribution', id },
    });
  if (member.userId)
    tell.push({
      countyCode: b.countyCode,
      template: 'service_assignment',
      params,
      to: { userId: member.userId },
      ref: { type: 'deliberation_contribution', id },
    });
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insertContribution(tx, {
      countyCode: b.countyCode,
      id,
      bodyId: b.id,
      matterId: m.id,
      kind: 'service',
      memberId: member.id,
      text: input.text,
      status: 'assigned',
      createdBy: v.actor.userId,
      createdAt: now,
    });
    await enqueue(deps, tx, now, tell);
    await event({
      countyCode: b.countyCode,
      action: 'matter.service_assigned',
      objectType: 'matter',
      objectId: m.id,
      reason: `派给${b.name}成员${maskName(member.name)}`,
      after: { contributionId: id, bodyId: b.id, memberId: member.id },
    });
  });
  return toContributionView(
    (await repo.contributionsOfMatter(deps.database.db, m.countyCode, m.id)).find((c) => c.id === id)!,
    b,
    member.name,
  );
}

/** Deliberation links of one matter, for its page: what the actor may see of them. */
export async function matterLinks(deps: Deps, ctx: RequestCtx, matterId: string): Promise<MatterLinks> {
  const v = await viewerOf(deps, ctx);
  if (!isDeliberationStaff(v.actor)) throw new AppError('FORBIDDEN');
  const [m] = await visibleMatterRows(deps, v.actor, [matterId]);
  if (!m || !canSeeMatter(v.actor, m)) throw new AppError('NOT_FOUND');
  const db = deps.database.db;
  const items = await repo.itemsHoldingMatter(db, m.countyCode, m.id);
  const task = await repo.taskOfMatter(db, m.countyCode, m.id);
  const contributions = await repo.contributionsOfMatter(db, m.countyCode, m.id);
  const meetingIds = [...new Set([...items.map((i) => i.meetingId), ...(task ? [task.meetingId] : [])])];
  const meetings = new Map<string, repo.MeetingRow>();
  for (const id of meetingIds) {
    const row = await repo.meetingById(db, m.countyCode, id);
    if (row) meetings.set(id, row);
  }
  const bodies = new Map(
    (
      await repo.bodiesByIds(db, m.countyCode, [
        ...[...meetings.values()].map((x) => x.bodyId),
        ...contributions.map((c) => c.bodyId),
      ])
    ).map((b) => [b.id, b]),
  );
  const members = await repo.membersOf(db, m.countyCode, [...new Set(contributions.map((c) => c.bodyId))]);
  // A meeting is linked only when the actor may open it (the task's owner above the village may not).
  const seen = (meetingId: string) => {
    const mt = meetings.get(meetingId);
    const b = mt ? bodies.get(mt.bodyId) : undefined;
    return !!b && staffSees(v.actor, b);
  };
  const taskItem = task
    ? (await repo.itemsOf(db, m.countyCode, [task.meetingId])).find((i) => i.id === task.itemId)
    : undefined;
  return {
    agendaItems: items
      .filter((i) => meetings.has(i.meetingId))
      .map((i) => {
        const mt = meetings.get(i.meetingId)!;
        return {
          meetingId: mt.id,
          topic: mt.topic,
          itemTitle: i.title,
          status: mt.status,
          visible: seen(mt.id),
        };
      })
      .filter((x) => x.visible)
      .map(({ visible: _, ...x }) => x),
    fromDecision:
      task && meetings.has(task.meetingId)
        ? {
            meetingId: task.meetingId,
            topic: meetings.get(task.meetingId)!.topic,
            itemTitle: taskItem?.title ?? '',
            dueOn: task.dueOn,
          }
        : null,
    contributions: contributions.map((c) =>
      toContributionView(c, bodies.get(c.bodyId)!, members.find((x) => x.id === c.memberId)?.name ?? null),
    ),
  };
}

/** The service-team member reports the small service done; the window records it on the matter. */
export async function completeService(deps: Deps, ctx: RequestCtx, contributionId: string, note: string) {
  const v = await viewerOf(deps, ctx);
  if (!can(v.actor.roles, 'deliberation.manage'))
    throw new AppError('FORBIDDEN', '只有窗口、办理人员和领导可以登记服务完成。');
  const c = await repo.contributionById(deps.database.db, v.actor.countyCode, contributionId);
  const b = c ? await repo.bodyById(deps.database.db, c.countyCode, c.bodyId) : undefined;
  if (!c || !b || !staffSees(v.actor, b)) throw new AppError('NOT_FOUND');
  if (c.kind !== 'service')
    throw new AppError('UNPROCESSABLE', '只有便民服务派单可以登记完成。', { reason: 'NOT_A_SERVICE' });
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    const locked = await repo.lockContribution(tx, c.countyCode, c.id);
    if (locked?.status !== 'assigned')
      throw new AppError('UNPROCESSABLE', '该服务已登记完成。', { reason: 'ALREADY_DONE' });
    await repo.updateContribution(tx, c.countyCode, c.id, {
      status: 'done',
      doneAt: now,
      text: `${c.text}\n完成情况：${note}`,
    });
    await event({
      countyCode: c.countyCode,
      action: 'matter.service_done',
      objectType: 'matter',
      objectId: c.matterId,
      reason: note,
      after: { contributionId: c.id, bodyId: b.id },
    });
  });
  const fresh = (await repo.contributionsOfMatter(deps.database.db, c.countyCode, c.matterId)).find(
    (x) => x.id === c.id,
  )!;
  const member = (await repo.membersOf(deps.database.db, b.countyCode, [b.id])).find(
    (x) => x.id === c.memberId,
  );
  return toContributionView(fresh, b, member?.name ?? null);
}
