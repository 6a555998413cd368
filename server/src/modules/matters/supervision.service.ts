/**
 * 督办 (信访工作条例 art. 40; docs/LEGAL.md §7.4): a leader, or an org above the owner, orders the owning org
 * to act, for one of the four reasons, with an answer deadline; the sweep raises the same order by
 * itself when a deadline is missed. An order is answered when the matter is answered or archived.
 */

import { randomUUID } from 'node:crypto';
import type { SupervisionReason } from '../../../../core/domain/matters/model';
import { supervisionReasonLabels } from '../../../../core/domain/matters/model';
import { can } from '../../../../core/domain/permissions';
import { computeDue } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { workCalendar } from '../calendar/calendar-cache';
import { recordEvent } from '../events/events.service';
import * as repo from './matters.repo';
import { canSeeMatter } from './visibility';

/** Answer period of a supervision order: a placeholder local rule (no statute fixes it, docs/LEGAL.md §1.25). */
export const supervisionAnswerRule = {
  basis: 'LOCAL-supervision',
  label: '督办回复期限',
  amount: 5,
  unit: 'working_day' as const,
  startRule: 'next_day' as const,
  rollOverIfRestDay: true,
  citation: '本地规定（待定；2005 年信访条例第三十六条曾为 30 日，已废止）',
};

export async function issueSupervision(
  ex: Executor,
  deps: Deps,
  ctx: RequestCtx,
  m: repo.MatterRow,
  order: {
    reason: SupervisionReason;
    note: string;
    issuedByOrgId: string;
    issuedByUserId: string | null;
    deadlineId?: string;
  },
) {
  const now = deps.clock.now();
  const due = computeDue(supervisionAnswerRule, now, await workCalendar(deps, m.countyCode, ex));
  await repo.insertSupervision(ex, {
    countyCode: m.countyCode,
    id: randomUUID(),
    matterId: m.id,
    deadlineId: order.deadlineId ?? null,
    reason: order.reason,
    note: order.note,
    issuedByOrgId: order.issuedByOrgId,
    issuedByUserId: order.issuedByUserId,
    targetOrgId: m.ownerOrgId,
    dueAt: due.dueAt,
    provisionalYears: due.provisionalYears,
    createdAt: now,
  });
  await recordEvent(ex, ctx, deps.clock, {
    countyCode: m.countyCode,
    action: 'matter.supervised',
    objectType: 'matter',
    objectId: m.id,
    reason: `${supervisionReasonLabels[order.reason]}：${order.note}`,
    after: {
      reason: order.reason,
      targetOrgId: m.ownerOrgId,
      dueAt: due.dueAt.toISOString(),
      auto: !order.issuedByUserId,
    },
  });
}

export async function superviseByHand(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  reason: SupervisionReason,
  note: string,
) {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'matter.supervise')) throw new AppError('FORBIDDEN', '督办由本级或上级领导发出。');
  const m = await repo.byId(deps.database.db, actor.countyCode, matterId);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  const above = !!actor.orgPath && m.ownerPath !== actor.orgPath && m.ownerPath.startsWith(actor.orgPath);
  if (!can(actor.roles, 'matter.supervise') || !(above || actor.orgId === m.ownerOrgId)) {
    throw new AppError('FORBIDDEN', '督办由本级或上级领导发出。');
  }
  if (['archived', 'merged'].includes(m.status))
    throw new AppError('TRANSITION_REFUSED', '事项已办结归档，不能督办。');
  await deps.database.transaction((tx) =>
    issueSupervision(tx, deps, ctx, m, {
      reason,
      note,
      issuedByOrgId: actor.orgId!,
      issuedByUserId: actor.userId,
    }),
  );
  deps.kickSealer();
}
