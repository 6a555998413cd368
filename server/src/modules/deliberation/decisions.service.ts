/**
 * Decisions on agenda items, the tasks they create, and publication (村务公开).
 *
 * A task is a real matter (intakeForDecision) owned by the org the decision names, so it runs the
 * ordinary lifecycle — acceptance, time limits, sweep, answer, archive — in that org's queue; the
 * task row links it back to the meeting. The decision is recorded first (one transaction); each task
 * then commits with its matter (one transaction each, the intake's), and a notice goes to the owner.
 */

import { randomUUID } from 'node:crypto';
import type { DecideItemBody, MeetingDetail } from '../../../../core/contracts/deliberation';
import { checkDecision, personalDataIn } from '../../../../core/domain/deliberation/decision';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';
import { write } from '../events/write';
import { intakeForDecision } from '../matters/intake.service';
import { partyNamesOf } from '../matters/query.service';
import { enqueue } from '../notifications/notifications.service';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import { usersOfOrg } from '../users/users.service';
import { viewerOf } from './bodies.service';
import * as repo from './deliberation.repo';
import { getMeeting } from './meeting-view.service';
import { meetingToManage } from './meetings.service';

/** A task goes to the body's own org, an org under it, or one above it (the town, the district). */
function ownerInRange(bodyPath: string, ownerPath: string): boolean {
  return ownerPath.startsWith(bodyPath) || bodyPath.startsWith(ownerPath);
}

export async function decideItem(
  deps: Deps,
  ctx: RequestCtx,
  meetingId: string,
  itemId: string,
  body: DecideItemBody,
): Promise<MeetingDetail> {
  const v = await viewerOf(deps, ctx);
  const { m, b } = await meetingToManage(deps, v, meetingId);
  const item = (await repo.itemsOf(deps.database.db, m.countyCode, [m.id])).find((i) => i.id === itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const refuse = (reason: string, message: string) => new AppError('UNPROCESSABLE', message, { reason });
  if (m.status === 'planned')
    throw refuse('MEETING_NOT_HELD', '请先登记会议召开情况（出席和记录），再录入表决结果。');
  if (m.status === 'published') throw refuse('MEETING_PUBLISHED', '决定已公开，不能再修改。');
  if (item.outcome) throw refuse('ALREADY_DECIDED', '该议程事项已有决定。');
  const r = checkDecision(body, m.presentMemberIds.length);
  if (r) throw refuse(r.code, r.message);
  if (body.paperBallots && body.method !== 'ballot')
    throw new AppError('VALIDATION_FAILED', '只有无记名投票才有纸质选票。', { field: 'paperBallots' });
  if (body.outcome === 'rejected' && !body.dissent && body.reasoning.trim().length < 4)
    throw refuse('REASONING_REQUIRED', '未通过的事项请写明理由。');
  if (body.outcome !== 'adopted' && body.tasks.length)
    throw refuse('TASKS_NEED_ADOPTION', '只有通过的决定才能交办任务。');
  const now = deps.clock.now();
  const today = toLocalDate(now);
  const owners = await orgRowsByIds(
    deps,
    body.tasks.map((t) => t.ownerOrgId),
  );
  for (const t of body.tasks) {
    const o = owners.get(t.ownerOrgId);
    if (!o || o.countyCode !== b.countyCode || !ownerInRange(b.orgPath, o.path))
      throw refuse('TASK_OWNER_OUT_OF_RANGE', `任务“${t.title}”的承办单位只能是本级、下级或上级单位。`);
    if (t.dueOn < today) throw new AppError('VALIDATION_FAILED', `任务“${t.title}”的完成期限不能早于今天。`);
  }

  await deps.database.transaction(async (tx) => {
    const locked = await repo.lockMeeting(tx, m.countyCode, m.id);
    if (locked?.status !== 'held') throw refuse('MEETING_NOT_HELD', '会议状态已变化，请刷新后再试。');
    const fresh = (await repo.itemsOf(tx, m.countyCode, [m.id])).find((i) => i.id === itemId);
    if (fresh?.outcome) throw refuse('ALREADY_DECIDED', '该议程事项已有决定。');
    await repo.updateItem(tx, m.countyCode, itemId, {
      method: body.method,
      votesFor: body.votesFor ?? null,
      votesAgainst: body.votesAgainst ?? null,
      votesAbstain: body.votesAbstain ?? null,
      ballotsEnteredBy: body.paperBallots ? v.actor.userId : null,
      outcome: body.outcome,
      reasoning: body.reasoning,
      dissent: body.dissent ?? null,
      decidedAt: now,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'deliberation.item_decided',
      objectType: 'deliberation_meeting',
      objectId: m.id,
      after: {
        itemId,
        method: body.method,
        tally: [body.votesFor ?? null, body.votesAgainst ?? null, body.votesAbstain ?? null],
        paperBallots: !!body.paperBallots,
        outcome: body.outcome,
        present: m.presentMemberIds.length,
        matterIds: item.matterIds,
      },
    });
  });

  for (const t of body.tasks) {
    const owner = owners.get(t.ownerOrgId)!;
    const village = (await villageOfBody(deps, b)) ?? (owner.kind === 'village' ? owner.id : null);
    const staffToTell = await usersOfOrg(deps, owner.id, 'matter.coordinate');
    await intakeForDecision(
      deps,
      ctx,
      owner,
      {
        kind: 'request',
        channel: 'referral',
        categoryCode: 'MED-17',
        title: t.title,
        description: `${b.name}会议（${m.topic}）议定：${t.description}\n议定完成期限：${t.dueOn}`,
        place: village ? { villageId: village } : {},
        // The body itself asks for the work: no person's data enters the task.
        parties: [{ role: 'applicant', name: b.name }],
      },
      async (tx, { matterId, code }) => {
        const taskId = randomUUID();
        await repo.insertTask(tx, {
          countyCode: m.countyCode,
          id: taskId,
          meetingId: m.id,
          itemId,
          matterId,
          ownerOrgId: owner.id,
          title: t.title,
          dueOn: t.dueOn,
          createdAt: now,
        });
        await enqueue(
          deps,
          tx,
          now,
          staffToTell.map((userId) => ({
            countyCode: m.countyCode,
            template: 'decision_task' as const,
            params: { bodyName: b.name, taskTitle: t.title, code, dueOn: t.dueOn, matterId },
            to: { userId },
            ref: { type: 'deliberation_task', id: taskId },
          })),
        );
        await recordEvent(tx, ctx, deps.clock, {
          countyCode: m.countyCode,
          action: 'deliberation.task_created',
          objectType: 'deliberation_meeting',
          objectId: m.id,
          after: { itemId, taskId, matterId, code, ownerOrgId: owner.id, dueOn: t.dueOn },
        });
      },
    );
  }
  deps.kickSealer();
  return getMeeting(deps, ctx, meetingId);
}

/** The village a task is about: the body's village when the body sits in one. */
async function villageOfBody(deps: Deps, b: repo.BodyRow): Promise<string | null> {
  const org = await getOrgRow(deps, b.orgId);
  return org?.kind === 'village' ? org.id : null;
}

/**
 * 村务公开: the decisions and their tasks become visible on the residents' page of the body's org.
 * Every text that will be shown is checked for personal data first (names of members, speakers and
 * the parties of the matters on the agenda; phone and ID numbers); minutes and dissent stay internal.
 */
export async function publishMeeting(deps: Deps, ctx: RequestCtx, meetingId: string): Promise<MeetingDetail> {
  const v = await viewerOf(deps, ctx);
  const { m, b } = await meetingToManage(deps, v, meetingId);
  if (m.status !== 'held')
    throw new AppError(
      'UNPROCESSABLE',
      m.status === 'planned' ? '会议尚未召开，没有可公开的决定。' : '该会议的决定已经公开。',
      { reason: m.status === 'planned' ? 'MEETING_NOT_HELD' : 'MEETING_PUBLISHED' },
    );
  const items = await repo.itemsOf(deps.database.db, m.countyCode, [m.id]);
  if (items.some((i) => !i.outcome))
    throw new AppError('UNPROCESSABLE', '还有议程事项没有决定，全部决定后才能公开。', {
      reason: 'ITEMS_UNDECIDED',
    });
  const tasks = await repo.tasksOf(deps.database.db, m.countyCode, [m.id]);
  const members = await repo.membersOf(deps.database.db, b.countyCode, [b.id]);
  const speakers = await repo.speakersOf(deps.database.db, m.countyCode, m.id);
  const names = [
    ...members.map((x) => x.name),
    ...speakers.map((x) => x.name),
    ...(await partyNamesOf(
      deps,
      m.countyCode,
      items.flatMap((i) => i.matterIds),
    )),
  ].filter((n) => n !== b.name);
  const texts: [string, string][] = [
    ['会议议题', m.topic],
    ...items.flatMap((i): [string, string][] => [
      [`议程“${i.seq}”标题`, i.title],
      [`议程“${i.seq}”的决定理由`, i.reasoning ?? ''],
    ]),
    ...tasks.map((t): [string, string] => ['任务名称', t.title]),
  ];
  for (const [where, text] of texts) {
    const found = personalDataIn(text, names);
    if (found)
      throw new AppError('UNPROCESSABLE', `${where}含有个人信息（${found}），请修改后再公开。`, {
        reason: 'PERSONAL_DATA_IN_PUBLICATION',
        where,
      });
  }
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    const locked = await repo.lockMeeting(tx, m.countyCode, m.id);
    if (locked?.status !== 'held') throw new AppError('UNPROCESSABLE', '会议状态已变化，请刷新后再试。');
    await repo.updateMeeting(tx, m.countyCode, m.id, {
      status: 'published',
      publishedAt: now,
      version: locked.version + 1,
    });
    await event({
      countyCode: m.countyCode,
      action: 'deliberation.published',
      objectType: 'deliberation_meeting',
      objectId: m.id,
      before: { status: 'held' },
      after: { status: 'published', orgId: m.orgId, items: items.length, tasks: tasks.length },
    });
  });
  return getMeeting(deps, ctx, meetingId);
}
