/**
 * What a leader does with warnings. Authorization: `dashboard.view` (leaders) to read; a leader's
 * jurisdiction is the subtree of his org, and a warning belongs to the org that should act on it, so
 * a warning outside the subtree answers 404 like a missing one. Dismissing needs a reason and is
 * logged; supervising issues a 督办 order (matters/supervision.service) on every matter behind the
 * warning that the leader may supervise and that is not closed.
 */
import type { ReviewWarningBody, WarningListQuery } from '../../../../core/contracts/risk';
import type { SupervisionReason } from '../../../../core/domain/matters/model';
import {
  type RiskRule,
  riskRuleLabels,
  riskRules,
  type WarningGrade,
  warningGradeLabels,
} from '../../../../core/domain/risk/model';
import { AppError } from '../../../../core/errors';
import { canSee, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { addReviewItem, reviewOptions } from '../deliberation/review-agenda.service';
import { recordEvent } from '../events/events.service';
import { matterRowsByIds } from '../matters/query.service';
import { issueSupervision } from '../matters/supervision.service';
import { presentWarnings } from './risk.presenter';
import * as repo from './risk.repo';

function leaderOf(ctx: RequestCtx): Actor & { orgId: string; orgPath: string } {
  const actor = requirePermission(ctx, 'dashboard.view');
  if (!actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN');
  return actor as Actor & { orgId: string; orgPath: string };
}

async function visibleWarning(deps: Deps, actor: Actor, id: string) {
  const w = await repo.warningById(deps.database.db, id);
  if (!w || !canSee(actor, w.countyCode, w.targetPath)) throw new AppError('NOT_FOUND');
  return w;
}

export async function listWarnings(deps: Deps, ctx: RequestCtx, q: WarningListQuery) {
  const actor = leaderOf(ctx);
  const { items, total } = await repo.listWarnings(
    deps.database.db,
    actor.countyCode,
    actor.orgPath,
    { status: q.status, rule: q.rule, grade: q.grade },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await presentWarnings(deps, actor, items), total, page: q.page, pageSize: q.pageSize };
}

export async function getWarning(deps: Deps, ctx: RequestCtx, id: string) {
  const actor = leaderOf(ctx);
  const w = await visibleWarning(deps, actor, id);
  const [view] = await presentWarnings(deps, actor, [w]);
  return view!;
}

function refuseIfHandled(w: repo.WarningRow) {
  if (w.status !== 'open') {
    throw new AppError('TRANSITION_REFUSED', '该预警已处置，不能重复操作。', { reason: 'WARNING_NOT_OPEN' });
  }
}

export async function dismissWarning(deps: Deps, ctx: RequestCtx, id: string, reason: string) {
  const actor = leaderOf(ctx);
  const w = await visibleWarning(deps, actor, id);
  refuseIfHandled(w);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const ok = await repo.setStatus(tx, w, {
      status: 'dismissed',
      dismissalReason: reason,
      handledBy: actor.userId,
      handledAt: now,
    });
    if (!ok) throw new AppError('CONFLICT', '该预警刚被他人处置，请刷新后查看。');
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: w.countyCode,
      action: 'risk.warning_dismissed',
      objectType: 'risk_warning',
      objectId: w.id,
      reason,
      before: { status: 'open' },
      after: { status: 'dismissed' },
    });
  });
  deps.kickSealer();
  return getWarning(deps, ctx, id);
}

export async function superviseWarning(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: { reason: SupervisionReason; note: string },
) {
  const actor = leaderOf(ctx);
  const w = await visibleWarning(deps, actor, id);
  refuseIfHandled(w);
  const ms = await matterRowsByIds(deps, w.countyCode, w.matterIds);
  // As superviseByHand: the owning org's leader or one above it; closed matters need no order.
  const targets = ms.filter(
    (m) =>
      canSee(actor, m.countyCode, m.ownerPath) &&
      !['archived', 'merged', 'voided'].includes(m.status) &&
      (m.ownerOrgId === actor.orgId || m.ownerPath.startsWith(actor.orgPath)),
  );
  if (targets.length === 0) {
    throw new AppError('UNPROCESSABLE', '该预警涉及的事项均已办结或不在您的管辖范围内，无需督办。', {
      reason: 'NOTHING_TO_SUPERVISE',
    });
  }
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const ok = await repo.setStatus(tx, w, {
      status: 'supervised',
      dismissalReason: null,
      handledBy: actor.userId,
      handledAt: now,
    });
    if (!ok) throw new AppError('CONFLICT', '该预警刚被他人处置，请刷新后查看。');
    for (const m of targets) {
      await issueSupervision(tx, deps, ctx, m, {
        reason: body.reason,
        note: `【风险预警】${body.note}`,
        issuedByOrgId: actor.orgId,
        issuedByUserId: actor.userId,
      });
    }
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: w.countyCode,
      action: 'risk.warning_supervised',
      objectType: 'risk_warning',
      objectId: w.id,
      reason: body.note,
      before: { status: 'open' },
      after: { status: 'supervised', matterIds: targets.map((m) => m.id) },
    });
  });
  deps.kickSealer();
  return getWarning(deps, ctx, id);
}

/** The 研判 meetings a leader may put a warning before: his own center's upcoming ones. */
export async function reviewMeetings(deps: Deps, ctx: RequestCtx) {
  return reviewOptions(deps, leaderOf(ctx));
}

/**
 * 列入研判会议: the warning's matters (those the leader may see) and its explanation become an agenda
 * item of an upcoming 研判 meeting of his center, or of a new one; the warning leaves the open list
 * with a link to the item, and both the meeting and the warning log the change.
 */
export async function reviewWarning(deps: Deps, ctx: RequestCtx, id: string, body: ReviewWarningBody) {
  const actor = leaderOf(ctx);
  const w = await visibleWarning(deps, actor, id);
  refuseIfHandled(w);
  const ms = await matterRowsByIds(deps, w.countyCode, w.matterIds);
  const matterIds = ms.filter((m) => canSee(actor, m.countyCode, m.ownerPath)).map((m) => m.id);
  if (matterIds.length === 0) {
    throw new AppError('UNPROCESSABLE', '该预警涉及的事项均不在您的管辖范围内，不能列入研判。', {
      reason: 'NOTHING_TO_REVIEW',
    });
  }
  const title = `【${warningGradeLabels[w.grade as WarningGrade]}预警】${riskRuleLabels[w.rule as RiskRule]}（${matterIds.length}件）`;
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const link = await addReviewItem(tx, deps, ctx, actor, body, {
      title,
      background: w.explanation,
      matterIds,
      source: { type: 'risk_warning', id: w.id },
    });
    const ok = await repo.setStatus(tx, w, {
      status: 'agenda',
      dismissalReason: null,
      handledBy: actor.userId,
      handledAt: now,
      meetingId: link.meetingId,
      agendaItemId: link.itemId,
    });
    if (!ok) throw new AppError('CONFLICT', '该预警刚被他人处置，请刷新后查看。');
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: w.countyCode,
      action: 'risk.warning_on_agenda',
      objectType: 'risk_warning',
      objectId: w.id,
      before: { status: 'open' },
      after: { status: 'agenda', meetingId: link.meetingId, agendaItemId: link.itemId, matterIds },
    });
  });
  deps.kickSealer();
  return getWarning(deps, ctx, id);
}

/** Below this many decided warnings a rule's rate is flagged as a small sample (as the KPIs do). */
const SMALL_SAMPLE = 20;

export async function dismissalRates(deps: Deps, ctx: RequestCtx) {
  const actor = leaderOf(ctx);
  const counts = await repo.dismissalCounts(deps.database.db, actor.countyCode, actor.orgPath);
  return {
    items: riskRules.map((rule) => {
      const c = counts.find((x) => x.rule === rule) ?? { raised: 0, open: 0, dismissed: 0 };
      const decided = c.raised - c.open;
      return {
        rule,
        ruleLabel: riskRuleLabels[rule],
        raised: c.raised,
        dismissed: c.dismissed,
        rate: decided > 0 ? c.dismissed / decided : null,
        smallSample: decided < SMALL_SAMPLE,
      };
    }),
  };
}
