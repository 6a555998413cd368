/**
 * Joint tasks in the units' queues: every unit sees the tasks it leads or supports (and a center those
 * it handed out), reports progress and completes them by the core table (joint-task.transitions.ts).
 * Authorization: `dispatch.act`, then the task must touch the actor's subtree (lead, co-unit or
 * convener), else 404 like a missing one; the table then decides by the actor's part.
 */
import type { JointTaskListQuery } from '../../../../core/contracts/dispatch';
import {
  decideJointTask,
  type JointTaskAction,
  type JointTaskStatus,
} from '../../../../core/domain/dispatch/joint-task.transitions';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { markOverdueEach, type OverdueSweepOutcome } from '../../overdue-sweep';
import { countyCodes } from '../counties/counties.service';
import { recordEvent } from '../events/events.service';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import { partsOf, toTaskView } from './dispatch.presenter';
import * as repo from './dispatch.repo';

function workerOf(ctx: RequestCtx): Actor & { orgPath: string } {
  const actor = requirePermission(ctx, 'dispatch.act');
  if (!actor.orgPath) throw new AppError('FORBIDDEN');
  return actor as Actor & { orgPath: string };
}

async function present(deps: Deps, actor: Actor, tasks: repo.JointTaskRow[]) {
  const orgs = await orgRowsByIds(
    deps,
    tasks.flatMap((t) => [t.convenerOrgId, t.leadOrgId, ...t.coOrgIds]),
  );
  const topics = new Map<string, string>();
  for (const id of new Set(tasks.map((t) => t.meetingId))) {
    topics.set(id, (await repo.meetingById(deps.database.db, actor.countyCode, id))?.topic ?? '');
  }
  return tasks.map((t) => toTaskView(t, orgs, topics.get(t.meetingId) ?? '', actor));
}

export async function listTasks(deps: Deps, ctx: RequestCtx, q: JointTaskListQuery) {
  const actor = workerOf(ctx);
  const { items, total } = await repo.listTasksFor(
    deps.database.db,
    actor.countyCode,
    actor.orgPath,
    q.status,
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await present(deps, actor, items), total, page: q.page, pageSize: q.pageSize };
}

async function visibleTask(deps: Deps, actor: Actor, id: string) {
  const t = await repo.taskById(deps.database.db, actor.countyCode, id);
  if (!t || partsOf(actor, t).length === 0) throw new AppError('NOT_FOUND');
  return t;
}

export async function getTask(deps: Deps, ctx: RequestCtx, id: string) {
  const actor = workerOf(ctx);
  const t = await visibleTask(deps, actor, id);
  const [view] = await present(deps, actor, [t]);
  return view!;
}

const eventOf: Record<JointTaskAction, string> = {
  report: 'dispatch.task_progress',
  complete: 'dispatch.task_completed',
  withdraw: 'dispatch.task_withdrawn',
};

/** report / complete / withdraw, each with its text (the progress, the result, the reason). */
export async function actOnTask(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  action: JointTaskAction,
  text: string,
) {
  const actor = workerOf(ctx);
  await visibleTask(deps, actor, id);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const t = await repo.taskById(tx, actor.countyCode, id, true);
    if (!t) throw new AppError('NOT_FOUND');
    const parts = partsOf(actor, t);
    const d = decideJointTask(t.status as JointTaskStatus, action, parts);
    if (!d.ok) throw new AppError(d.code, d.message, { reason: d.reason });
    const org = actor.orgId ? await getOrgRow(deps, actor.orgId, tx) : undefined;
    const entry = {
      at: now.toISOString(),
      orgId: actor.orgId ?? '',
      orgName: org?.name ?? '',
      userId: actor.userId,
      userName: actor.displayName,
      note: action === 'report' ? text : action === 'complete' ? `办结：${text}` : `撤销：${text}`,
    };
    await repo.updateTask(tx, t.countyCode, t.id, {
      status: d.to,
      progress: [...t.progress, entry],
      ...(action === 'report' ? {} : { result: text, completedAt: now }),
      updatedAt: now,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: t.countyCode,
      action: eventOf[action],
      objectType: 'joint_task',
      objectId: t.id,
      reason: text,
      before: { status: t.status },
      after: { status: d.to },
    });
  });
  deps.kickSealer();
  return getTask(deps, ctx, id);
}

/**
 * The sweep's part (jobs/deadline-sweep.ts): an open task past its due day is marked overdue and 督办
 * is raised to the convening center, once (marker columns), each task in its own transaction.
 */
export async function sweepJointTasks(deps: Deps, limit = 200): Promise<OverdueSweepOutcome> {
  // County by county: each county's tasks live on its own shard (issue 18), so the sweep asks each.
  const candidates: repo.JointTaskRow[] = [];
  for (const county of await countyCodes(deps)) {
    if (candidates.length >= limit) break;
    const now = deps.clock.now();
    candidates.push(
      ...(await repo.overdueTaskCandidates(deps.database.db, county, now, limit - candidates.length)),
    );
  }
  return markOverdueEach(
    deps,
    candidates,
    (c) => `联合任务 ${c.title}`,
    async (tx, c, now, ctx) => {
      const t = await repo.taskById(tx, c.countyCode, c.id, true);
      if (!t || t.overdueAt || !['assigned', 'in_progress'].includes(t.status) || t.dueAt > now) return false;
      await repo.updateTask(tx, t.countyCode, t.id, { overdueAt: now, supervisedAt: now });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: t.countyCode,
        action: 'dispatch.task_overdue',
        objectType: 'joint_task',
        objectId: t.id,
        after: { dueDate: t.dueDate, leadOrgId: t.leadOrgId, supervisedByOrgId: t.convenerOrgId },
      });
      return true;
    },
  );
}
