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
import { isHandlingBasis, reviewWindowBases } from '../../../../core/domain/matters/clocks';
import type { Actor as LifecycleActor, MatterCommand } from '../../../../core/domain/matters/commands';
import { type Decision, decide } from '../../../../core/domain/matters/lifecycle';
import type { MatterState } from '../../../../core/domain/matters/model';
import { buildNotice } from '../../../../core/domain/notices';
import type { Level } from '../../../../core/domain/orgs';
import { formatInstantZh, provisionalNoteOf } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { workCalendar } from '../calendar/calendar-cache';
import { afterCourtMediationDecision } from '../court/mediation-result';
import { recordEvent } from '../events/events.service';
import { isCountyMediator } from '../mediation/mediators.service';
import { notifyResident } from '../notifications/resident-updates';
import { getOrgRow } from '../orgs/orgs.service';
import { applyClockChanges } from './deadline-effects';
import * as repo from './matters.repo';
import { orgRefOf } from './org-refs';
import { canSeeMatter, matterWorkerRoles } from './visibility';

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
async function commandOf(deps: Deps, body: ActionBody, countyCode: string): Promise<MatterCommand> {
  const to = await orgInput(deps, body.toOrgId, countyCode);
  const org = await orgInput(deps, body.orgId, countyCode);
  const { onRoster: _fromRequest, ...rest } = body as ActionBody & { onRoster?: unknown };
  const mediatorId = (body as { mediatorId?: unknown }).mediatorId;
  const onRoster =
    body.action === 'assign_mediator' && typeof mediatorId === 'string' && mediatorId
      ? await isCountyMediator(deps, countyCode, mediatorId)
      : undefined;
  // The lifecycle validates every field against the action; unknown extras are ignored there.
  return {
    ...rest,
    ...(to ? { to } : {}),
    ...(org ? { org } : {}),
    ...(onRoster === undefined ? {} : { onRoster }),
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
    const names = (await repo.partyNamesByMatter(deps.database.db, [m.id])).get(m.id) ?? [];
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
  if (!actor.roles.some((r) => matterWorkerRoles.includes(r))) throw new AppError('FORBIDDEN');
  const m = await repo.byId(deps.database.db, matterId);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  const command = await commandOf(deps, body, m.countyCode);
  await warnOfComplainedOrg(deps, m, body);
  if (command.action === 'accept' && m.kind === 'petition') {
    // The same person's petition in the same category is already being handled, or was closed for
    // good after re-examination: it is not accepted again (信访工作条例 art. 19(3), 36(3)).
    const same = (await repo.samePetitions(deps.database.db, m)).find(
      (o) => o.state.petition?.stage === 'final' || o.status !== 'archived',
    );
    if (same)
      Object.assign(command, {
        sameMatter: { code: same.code, final: same.state.petition?.stage === 'final' },
      });
  }
  const actorOrg = actor.orgId ? await getOrgRow(deps, actor.orgId) : undefined;
  if (!actorOrg) throw new AppError('FORBIDDEN');
  const lifecycleActor: LifecycleActor = {
    type: 'staff',
    userId: actor.userId,
    roles: actor.roles,
    org: orgRefOf(actorOrg),
  };
  await deps.database.transaction(async (tx) => {
    const locked = await repo.lockById(tx, matterId);
    if (!locked) throw new AppError('NOT_FOUND');
    if (body.expectedVersion !== undefined && body.expectedVersion !== locked.version) {
      throw await staleError(tx, locked);
    }
    await applyDecision(deps, ctx, tx, locked, command, lifecycleActor, actor);
  });
  deps.kickSealer();
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

const noteOf = (d: repo.DeadlineRow | undefined) =>
  d?.provisionalYears.length ? provisionalNoteOf(d.explanation) : null;

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
  const live = await repo.liveDeadlines(tx, m.id);
  const decision = decide(m.state, command, {
    now,
    actor: lifecycleActor,
    deadlines: live.map((d) => ({ basis: d.basis, orgId: d.orgId, dueAt: d.dueAt })),
  });
  if (!decision.ok) {
    // Someone else moved the matter first: say who, so the loser knows (docs/SECURITY.md G16).
    if (decision.httpStatus === 409 && actor) {
      const last = await repo.lastActorOf(tx, m.countyCode, m.id);
      if (
        last &&
        last.at.getTime() > now.getTime() - 10 * 60_000 &&
        last.actorName &&
        last.actorName !== actor.displayName
      ) {
        throw new AppError(
          'TRANSITION_REFUSED',
          `${decision.message}（${last.actorName}已于${formatInstantZh(last.at)}先行办理）`,
          {
            reason: decision.code,
            winner: last.actorName,
          },
        );
      }
    }
    throw refusalError(decision);
  }
  const next: MatterState = decision.next;
  const owner = next.owner.id === m.ownerOrgId ? null : await getOrgRow(deps, next.owner.id, tx);
  const pending =
    next.status === 'transferring' && next.transfer ? await getOrgRow(deps, next.transfer.to.id, tx) : null;
  const updated = await repo.updateMatter(tx, m.id, m.version, {
    state: next,
    status: next.status,
    ownerOrgId: next.owner.id,
    ownerPath: next.owner.path,
    ownerLevel: next.owner.level,
    pendingOrgId: pending?.id ?? null,
    pendingPath: pending?.path ?? null,
    reworkCount: next.reworkCount,
    archiveNo: next.archiveNo,
    rating: command.action === 'rate' ? command.rating : m.rating,
    updatedAt: now,
    closedAt: next.status === 'archived' ? now : m.closedAt,
    ...(owner ? { ownerLevel: owner.level } : {}),
  });
  if (!updated) throw await staleError(tx, m);
  await applyClockChanges(
    tx,
    { countyCode: m.countyCode, matterId: m.id, level: next.owner.level as Level },
    decision.deadlines,
    now,
    { calendar: await workCalendar(deps, m.countyCode, tx) },
  );
  if (decision.notice) {
    const after = await repo.liveDeadlines(tx, m.id);
    const handling = after.find((d) => isHandlingBasis(d.basis) && d.dueAt);
    const window = after.find((d) => (reviewWindowBases as readonly string[]).includes(d.basis));
    const ownerRow = owner ?? (await getOrgRow(deps, next.owner.id, tx));
    const text = buildNotice({
      kind: decision.notice,
      matterCode: m.code,
      matterTitle: m.title,
      orgName: ownerRow?.centerName ?? ownerRow?.name ?? '',
      now,
      reason: decision.event.reason,
      data: decision.event.data,
      handlingDue: handling?.dueAt ?? null,
      handlingDueNote: noteOf(handling),
      windowDue: window?.dueAt ?? null,
      windowDueNote: noteOf(window),
    });
    await repo.insertNotice(tx, {
      countyCode: m.countyCode,
      id: randomUUID(),
      matterId: m.id,
      kind: decision.notice,
      title: text.title,
      body: { lines: text.lines },
      servedAt: now,
      createdBy: actor?.userId ?? null,
    });
  }
  if (next.status !== m.status && ['answered', 'archived'].includes(next.status)) {
    await repo.answerSupervision(tx, m.id, now, `事项已${next.status === 'answered' ? '答复' : '归档'}`);
  }
  await recordEvent(tx, ctx, deps.clock, {
    countyCode: m.countyCode,
    action: decision.event.name,
    objectType: 'matter',
    objectId: m.id,
    reason: decision.event.reason,
    before: { status: m.status, ownerOrgId: m.ownerOrgId },
    after: {
      status: next.status,
      ownerOrgId: next.owner.id,
      action: decision.action,
      ...decision.event.data,
    },
  });
  await afterCourtMediationDecision(deps, ctx, tx, { ...m, state: next }, decision.event);
  await notifyResident(
    deps,
    tx,
    { ...m, state: next },
    { name: decision.event.name, data: decision.event.data },
  );
  return decision;
}
