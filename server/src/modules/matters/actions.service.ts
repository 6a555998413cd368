/**
 * One lifecycle command on one matter (docs/CONVENTIONS.md 4): the server loads and locks the
 * matter, checks that the actor may see it, lets the pure lifecycle decide, and writes the next
 * state, the deadline changes, any written notice and the event row in one transaction. Two staff
 * acting at once queue on the row lock: the second sees the first one's result and gets 409 naming
 * who acted first.
 */

import { randomUUID } from 'node:crypto';
import type { ActionBody } from '../../../../core/contracts/matters';
import { identityInText } from '../../../../core/domain/masking';
import type { Actor as LifecycleActor, MatterCommand } from '../../../../core/domain/matters/commands';
import { type DecisionPlan, noticeOfPlan, planDecision } from '../../../../core/domain/matters/decision-plan';
import { type Decision, decide } from '../../../../core/domain/matters/lifecycle';
import { buildNotice } from '../../../../core/domain/notices';
import type { Level } from '../../../../core/domain/orgs';
import { can } from '../../../../core/domain/permissions';
import { formatInstantZh } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { workCalendar } from '../calendar/calendar-cache';
import { recordEvent } from '../events/events.service';
import { getOrgRow } from '../orgs/orgs.service';
import { applyClockChanges } from './deadline-effects';
import { type FinalMatchView, withSameMatter } from './finality-check';
import { runAfterDecision, runInDecision } from './hooks';
import * as repo from './matters.repo';
import { orgRefOf } from './org-refs';
import { portsOf } from './ports';
import { withUpperBody } from './review-body';
import { canSeeMatter } from './visibility';

function refusalError(r: { code: string; httpStatus: number; message: string }): AppError {
  const code =
    r.httpStatus === 403 ? 'FORBIDDEN' : r.httpStatus === 409 ? 'TRANSITION_REFUSED' : 'COMMAND_INVALID';
  return new AppError(code, r.message, { reason: r.code });
}

async function orgInput(deps: Deps, id: string | undefined, countyCode: string) {
  if (!id) return undefined;
  const o = await getOrgRow(deps, id);
  if (!o || o.countyCode !== countyCode) throw new AppError('NOT_FOUND', '未找到目标单位。');
  return orgRefOf(o);
}

/**
 * The lifecycle command from the request body, with org ids resolved to orgs of this county and a
 * chosen mediator checked against the county's roster (the lifecycle refuses anyone else).
 */
async function commandOf(
  deps: Deps,
  body: ActionBody,
  countyCode: string,
  matterId: string,
): Promise<MatterCommand> {
  const to = await orgInput(deps, body.toOrgId, countyCode);
  const org = await orgInput(deps, body.orgId, countyCode);
  const {
    onRoster: _fromRequest,
    agreement: _notFromRequest,
    committeeId: _neitherFromRequest,
    ...rest
  } = body as ActionBody & { onRoster?: unknown; agreement?: unknown; committeeId?: unknown };
  const mediatorId = (body as { mediatorId?: unknown }).mediatorId;
  const onRoster =
    body.action === 'assign_mediator' && typeof mediatorId === 'string' && mediatorId
      ? await portsOf(deps).mediation.isCountyMediator(deps, countyCode, mediatorId)
      : undefined;
  // The lifecycle validates every field against the action; unknown extras are ignored there.
  return {
    ...rest,
    ...(to ? { to } : {}),
    ...(org ? { org } : {}),
    ...(onRoster === undefined ? {} : { onRoster }),
    ...(onRoster
      ? {
          committeeId: await portsOf(deps).mediation.committeeOfMediator(
            deps,
            deps.database.db,
            mediatorId as string,
          ),
        }
      : {}),
    ...(body.action === 'agree'
      ? { agreement: await portsOf(deps).mediation.agreementOnFile(deps.database.db, countyCode, matterId) }
      : {}),
  } as unknown as MatterCommand;
}

/**
 * 信访工作条例 art. 46(5): a matter is not sent to the org it complains about (or one under it) without
 * the clerk confirming, after being told that org will not see the petitioner and whether the text
 * itself names the parties. The receiving org's view hides the identity either way (visibility.ts).
 */
async function warnOfComplainedOrg(deps: Deps, m: repo.MatterRow, body: ActionBody): Promise<void> {
  if (!m.complainedOrgPath || body.confirmComplainedOrg) return;
  for (const id of [body.toOrgId, body.orgId]) {
    const target = id ? await getOrgRow(deps, id) : undefined;
    if (!target?.path.startsWith(m.complainedOrgPath)) continue;
    const names =
      (await repo.partyNamesByMatter(deps.database.db, m.countyCode, piiCipher(deps.config), [m.id])).get(
        m.id,
      ) ?? [];
    const named = identityInText(`${m.title}\n${m.description}`, names);
    throw new AppError(
      'COMPLAINED_ORG_TARGET',
      `${target.name}就是本事项所反映（投诉）的单位。依照《信访工作条例》第四十六条，不得把检举、揭发材料或有关情况透露、转给被检举、揭发的单位；该单位看不到信访人的身份${
        named ? '，事项标题和描述中写明的姓名、电话、证件号码也会被遮盖' : ''
      }。确需交给它办理的，请确认后再提交。`,
      { orgId: target.id, identityInText: named },
    );
  }
}

export async function actOnMatter(deps: Deps, ctx: RequestCtx, matterId: string, body: ActionBody) {
  const actor = requireActor(ctx);
  // The role first: someone who may never act on matters learns nothing about which ids exist.
  if (!can(actor.roles, 'matter.work')) throw new AppError('FORBIDDEN');
  const m = await repo.byId(deps.database.db, actor.countyCode, matterId);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  const asked = await withUpperBody(deps, m, await commandOf(deps, body, m.countyCode, m.id));
  // The same person's petition in progress, or his final ones ranked by facts (art. 19(3), 36(3)).
  const { command, finals } = await withSameMatter(deps, actor, m, asked);
  await warnOfComplainedOrg(deps, m, body);
  const actorOrg = actor.orgId ? await getOrgRow(deps, actor.orgId) : undefined;
  if (!actorOrg) throw new AppError('FORBIDDEN');
  const lifecycleActor: LifecycleActor = {
    type: 'staff',
    userId: actor.userId,
    roles: actor.roles,
    org: orgRefOf(actorOrg),
  };
  let moved: { m: repo.MatterRow; decision: Decision } | undefined;
  try {
    await deps.database.transaction(async (tx) => {
      const locked = await repo.lockById(tx, m.countyCode, matterId);
      if (!locked) throw new AppError('NOT_FOUND');
      if (body.expectedVersion !== undefined && body.expectedVersion !== locked.version) {
        throw await staleError(tx, locked);
      }
      moved = {
        m: locked,
        decision: await applyDecision(deps, ctx, tx, locked, command, lifecycleActor, actor),
      };
    });
  } catch (e) {
    throw withFinalMatches(e, finals);
  }
  deps.kickSealer();
  if (moved) await runAfterDecision(deps, ...decided(moved.m, moved.decision));
}

/** The matter and event the hooks see (hooks.ts): the state after the decision. */
export function decided(m: repo.MatterRow, d: Decision) {
  return [
    { ...m, state: d.next },
    { name: d.event.name, reason: d.event.reason, data: d.event.data },
  ] as const;
}

/** A refusal about finality carries the petitioner's closest final petitions, for the clerk to compare. */
function withFinalMatches(e: unknown, finals: FinalMatchView[]): unknown {
  const reason = e instanceof AppError ? (e.details as { reason?: unknown } | null)?.reason : null;
  if (!(e instanceof AppError) || finals.length === 0) return e;
  if (reason !== 'FACTS_CHECK_REQUIRED' && reason !== 'FINAL_NOT_REACCEPTED') return e;
  return new AppError(e.code, e.userMessage, { reason, finalMatches: finals });
}

async function staleError(tx: Tx, m: repo.MatterRow): Promise<AppError> {
  const last = await repo.lastActorOf(tx, m.countyCode, m.id);
  const who = last?.actorName ?? '他人';
  const when = last ? formatInstantZh(last.at) : '';
  return new AppError('CONFLICT', `该事项已由${who}于${when}处理，请刷新后再办理。`, {
    winner: who,
    at: last?.at,
  });
}

/**
 * Who else acted on the matter in the last ten minutes, if anyone: a refusal names them, so the one
 * who lost a race knows why (docs/SECURITY.md G16).
 */
export async function recentWinner(
  ex: Executor,
  m: { countyCode: string; id: string },
  actor: Actor,
  now: Date,
): Promise<{ name: string; phrase: string } | null> {
  const last = await repo.lastActorOf(ex, m.countyCode, m.id);
  if (!last?.actorName || last.actorName === actor.displayName) return null;
  if (last.at.getTime() <= now.getTime() - 10 * 60_000) return null;
  return { name: last.actorName, phrase: `${last.actorName}已于${formatInstantZh(last.at)}先行办理` };
}

/** Applies one decision inside the caller's transaction; used by staff actions and by the sweep. */
export async function applyDecision(
  deps: Deps,
  ctx: RequestCtx,
  tx: Tx,
  m: repo.MatterRow,
  command: MatterCommand,
  lifecycleActor: LifecycleActor,
  actor: Actor | null,
): Promise<Decision> {
  const now = deps.clock.now();
  const live = await repo.liveDeadlines(tx, m.countyCode, m.id);
  const decision = decide(m.state, command, {
    now,
    actor: lifecycleActor,
    deadlines: live.map((d) => ({ basis: d.basis, orgId: d.orgId, dueAt: d.dueAt })),
  });
  if (!decision.ok) {
    // Someone else moved the matter first: say who, so the loser knows (docs/SECURITY.md G16).
    const last = decision.httpStatus === 409 && actor ? await recentWinner(tx, m, actor, now) : null;
    if (last) {
      throw new AppError('TRANSITION_REFUSED', `${decision.message}（${last.phrase}）`, {
        reason: decision.code,
        winner: last.name,
      });
    }
    throw refusalError(decision);
  }
  const plan = planDecision(m, command, decision, lifecycleActor.type, now);
  await persistPlan(deps, ctx, tx, m, plan, actor);
  // The consumers' in-transaction steps (court result, resident SMS): atomic with the step.
  await runInDecision(deps, ctx, tx, ...decided(m, decision));
  return decision;
}

/** Writes a decision's plan (core/domain/matters/decision-plan.ts): the row, the clocks, the notice, the event. */
async function persistPlan(
  deps: Deps,
  ctx: RequestCtx,
  tx: Tx,
  m: repo.MatterRow,
  plan: DecisionPlan,
  actor: Actor | null,
): Promise<void> {
  const now = plan.matter.updatedAt;
  const owner = plan.read.owner ? await getOrgRow(deps, plan.read.owner, tx) : null;
  const pending = plan.read.pending ? await getOrgRow(deps, plan.read.pending, tx) : null;
  const updated = await repo.updateMatter(tx, m.countyCode, m.id, m.version, {
    ...plan.matter,
    pendingOrgId: pending?.id ?? null,
    pendingPath: pending?.path ?? null,
    ...(owner ? { ownerLevel: owner.level } : {}),
  });
  if (!updated) throw await staleError(tx, m);
  const level = plan.matter.state.owner.level as Level;
  await applyClockChanges(tx, { countyCode: m.countyCode, matterId: m.id, level }, plan.clocks, now, {
    calendar: await workCalendar(deps, m.countyCode, tx),
  });
  if (plan.notice) {
    const ownerRow = owner ?? (await getOrgRow(deps, plan.matter.ownerOrgId, tx));
    const text = buildNotice(
      noticeOfPlan(
        { ...plan, notice: plan.notice },
        m,
        await repo.liveDeadlines(tx, m.countyCode, m.id),
        {
          ownerName: ownerRow?.centerName ?? ownerRow?.name ?? '',
          receiver: pending ? { name: pending.centerName ?? pending.name, contact: pending.contact } : null,
        },
        now,
      ),
    );
    await repo.insertNotice(tx, {
      countyCode: m.countyCode,
      id: randomUUID(),
      matterId: m.id,
      kind: plan.notice,
      title: text.title,
      body: { lines: text.lines },
      servedAt: now,
      createdBy: actor?.userId ?? null,
    });
  }
  if (plan.answerSupervision)
    await repo.answerSupervision(tx, m.countyCode, m.id, now, plan.answerSupervision);
  await recordEvent(tx, ctx, deps.clock, {
    countyCode: m.countyCode,
    action: plan.event.action,
    objectType: 'matter',
    objectId: m.id,
    reason: plan.event.reason,
    before: plan.event.before,
    after: plan.event.after,
  });
}
