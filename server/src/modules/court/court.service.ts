/**
 * What staff do with the court (诉调对接, docs/LEGAL.md §3): push a dispute whose mediation failed to the court
 * with its package, and apply jointly for judicial confirmation of an agreement within its 30 days.
 * Each writes the court case, the outbox message and the events in one transaction with the matter.
 */

import type {
  ConfirmationApplication,
  ConfirmationInput,
  LitigationReferral,
  ReferralInput,
} from '../../../../core/contracts/court';
import { confirmationWindowDue } from '../../../../core/domain/court/docking';
import { confirmationApplicationDocument } from '../../../../core/domain/documents/confirmation-document';
import { maskName } from '../../../../core/domain/masking';
import type { Actor as LifecycleActor } from '../../../../core/domain/matters/commands';
import { type TerminationReason, terminationReasons } from '../../../../core/domain/matters/model';
import { can } from '../../../../core/domain/permissions';
import { formatDayZh, provisionalNote } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { workCalendar } from '../calendar/calendar-cache';
import { courtDockingOf } from '../config/court-docking.service';
import { recordPrint } from '../documents/document-audit';
import { renderPdf } from '../documents/pdf';
import { write } from '../events/write';
import { applyDecision } from '../matters/actions.service';
import { orgRefOf } from '../matters/org-refs';
import * as records from '../matters/records.service';
import { agreementEffectiveAt } from '../mediation/agreements.service';
import { getOrgRow, orgByDivisionCode } from '../orgs/orgs.service';
import { displayNameOf } from '../users/users.service';
import { presentCourtCase } from './court.presenter';
import * as cases from './court-cases.repo';
import * as outbox from './outbox.repo';
import { enqueue, newMessageId, openPayload } from './outbox.service';

type MatterRow = records.MatterRow;

/** Who speaks for the org to the court: its staff holding court.dock, for its own matters. */
function assertActsForOwner(actor: Actor, m: MatterRow) {
  if (!can(actor.roles, 'court.dock'))
    throw new AppError('FORBIDDEN', '您的角色不能代表本单位向法院提交材料。');
  if (actor.orgId !== m.ownerOrgId) throw new AppError('FORBIDDEN', '只有承办单位可以向法院提交材料。');
}

async function mediationOrgOf(deps: Deps, tx: Tx, m: MatterRow) {
  const org = await getOrgRow(deps, m.ownerOrgId, tx);
  if (!org) throw new AppError('NOT_FOUND');
  return { code: org.divisionCode ?? org.id, name: org.centerName ?? org.name };
}

/** The parties as the court needs them: verified identity, phone and the confirmed service address. */
async function courtParties(deps: Deps, tx: Executor, m: MatterRow, input: ReferralInput['parties']) {
  const stored = await records.partiesOfMatter(deps, tx, m.countyCode, m.id);
  const byId = new Map(stored.map((p) => [p.id, p]));
  return input.map((p) => {
    const s = byId.get(p.partyId);
    if (!s) throw new AppError('COMMAND_INVALID', '所选当事人不属于该事项。', { partyId: p.partyId });
    if (!s.idNumber || !s.phone) {
      throw new AppError(
        'COMMAND_INVALID',
        `当事人${maskName(s.name)}缺少身份证号或联系电话，法院无法核验身份和送达，请先补录。`,
        { partyId: s.id },
      );
    }
    return {
      role: s.role === 'other' ? ('third_party' as const) : (s.role as 'applicant' | 'respondent'),
      name: s.name,
      idType: 'resident_id' as const,
      idNumber: s.idNumber.toUpperCase(),
      identityVerified: true as const,
      phone: s.phone,
      serviceAddress: p.serviceAddress,
      ...(p.electronicServiceAddress ? { electronicServiceAddress: p.electronicServiceAddress } : {}),
      serviceAddressConfirmed: true as const,
    };
  });
}

interface MediationHistory {
  startedAt: Date | null;
  sessions: number;
  terminationReason: TerminationReason | null;
  agreedAt: Date | null;
  mediatorId: string | null;
  /** Confirmed in writing at the sessions (在线调解规则 art. 22). */
  undisputedFacts: string[];
}

/** The latest mediation round of a matter, read from its event log (the record of what happened). */
export async function mediationHistory(ex: Executor, m: MatterRow): Promise<MediationHistory> {
  const h: MediationHistory = {
    startedAt: null,
    sessions: 0,
    terminationReason: null,
    agreedAt: null,
    mediatorId: null,
    undisputedFacts: [],
  };
  for (const e of await records.timelineOfMatter(ex, m.countyCode, m.id)) {
    const after = (e.after ?? {}) as Record<string, unknown>;
    if (e.action === 'matter.mediation_started') {
      Object.assign(h, {
        startedAt: e.at,
        sessions: 0,
        terminationReason: null,
        agreedAt: null,
        undisputedFacts: [],
      });
    } else if (e.action === 'matter.mediation_session') {
      h.sessions++;
      const facts = (after.session as { undisputedFacts?: string[] } | undefined)?.undisputedFacts ?? [];
      h.undisputedFacts.push(...facts);
    } else if (e.action === 'matter.mediator_assigned') h.mediatorId = (after.mediatorId as string) ?? null;
    else if (e.action === 'matter.mediation_terminated' || e.action === 'matter.mediation_agreed') {
      const r = after.terminationReason as TerminationReason;
      h.terminationReason = terminationReasons.includes(r) ? r : 'other';
      if (e.action === 'matter.mediation_agreed') h.agreedAt = e.at;
    } else if (e.action === 'matter.mediation_refused') {
      h.terminationReason = 'party_refuses_to_continue';
    }
  }
  return h;
}

async function mediatorRef(tx: Tx, mediatorId: string | null) {
  if (!mediatorId) return null;
  const name = await displayNameOf(tx, mediatorId);
  return name ? { name } : null;
}

async function lifecycleActorOf(deps: Deps, actor: Actor, tx: Tx): Promise<LifecycleActor> {
  const org = actor.orgId ? await getOrgRow(deps, actor.orgId, tx) : undefined;
  if (!org) throw new AppError('FORBIDDEN');
  return { type: 'staff', userId: actor.userId, roles: actor.roles, org: orgRefOf(org) };
}

export async function referToCourt(deps: Deps, ctx: RequestCtx, matterId: string, input: ReferralInput) {
  const actor = requireActor(ctx);
  const m0 = await records.workedMatter(deps, actor, matterId);
  if (!(await courtDockingOf(deps.database.db, m0.countyCode)).litigationReferral) {
    throw new AppError('UNPROCESSABLE', '本县（区）未开通向法院推送诉讼材料。', { reason: 'FLOW_DISABLED' });
  }
  const messageId = newMessageId();
  await write(deps, ctx, async ({ tx }) => {
    const m = await records.lockMatter(tx, m0.countyCode, matterId);
    if (!m) throw new AppError('NOT_FOUND');
    const history = await mediationHistory(tx, m);
    if (!history.terminationReason || history.agreedAt) {
      throw new AppError(
        'TRANSITION_REFUSED',
        '只有调解不成（已终止调解或当事人拒绝调解）的纠纷才能推送法院。',
        {
          reason: 'MEDIATION_NOT_FAILED',
        },
      );
    }
    // The lifecycle decides first: the matter must be in a state that may go to the court.
    await applyDecision(
      deps,
      ctx,
      tx,
      m,
      { action: 'refer_to_court', reason: input.reason } as never,
      await lifecycleActorOf(deps, actor, tx),
      actor,
    );
    const evidence = (await records.attachmentsOfMatter(tx, m.countyCode, m.id)).map((a) => ({
      name: a.fileName,
      sha256: a.sha256,
    }));
    const payload: LitigationReferral = {
      messageType: 'litigation_referral',
      messageId,
      countyCode: m.countyCode,
      matterCode: m.code,
      mediationOrg: await mediationOrgOf(deps, tx, m),
      mediator: await mediatorRef(tx, history.mediatorId),
      disputeType: { code: m.categoryCode, name: m.title.slice(0, 50) },
      summary: `${m.title}\n${m.description}`.slice(0, 2000),
      parties: await courtParties(deps, tx, m, input.parties),
      claims: input.claims,
      evidence,
      mediationRecord: {
        startedAt: history.startedAt?.toISOString() ?? null,
        endedAt: deps.clock.now().toISOString(),
        sessions: history.sessions,
      },
      failureReport: {
        reasonCode: history.terminationReason,
        reason: input.reason,
        ...(input.costRaisingConduct ? { costRaisingConduct: input.costRaisingConduct } : {}),
        ...(input.notesForCourt ? { notesForCourt: input.notesForCourt } : {}),
        undisputedFacts: [...new Set([...history.undisputedFacts, ...input.undisputedFacts])].slice(0, 50),
      },
    };
    await openCase(deps, tx, m, messageId, 'litigation_referral', { reasonCode: history.terminationReason });
    await enqueue(
      deps,
      ctx,
      tx,
      { countyCode: m.countyCode, matterId: m.id, courtCaseId: messageId },
      'litigation_referral',
      payload,
    );
  });
  return { courtCaseId: messageId };
}

export async function applyForConfirmation(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  input: ConfirmationInput,
) {
  const actor = requireActor(ctx);
  const m0 = await records.workedMatter(deps, actor, matterId);
  assertActsForOwner(actor, m0);
  if (!(await courtDockingOf(deps.database.db, m0.countyCode)).judicialConfirmation) {
    throw new AppError('UNPROCESSABLE', '本县（区）未开通在线申请司法确认。', { reason: 'FLOW_DISABLED' });
  }
  const messageId = newMessageId();
  const now = deps.clock.now();
  await write(deps, ctx, async ({ tx, event }) => {
    const m = await records.lockMatter(tx, m0.countyCode, matterId);
    if (!m) throw new AppError('NOT_FOUND');
    const history = await mediationHistory(tx, m);
    history.agreedAt = (await agreementEffectiveAt(tx, m.countyCode, m.id)) ?? history.agreedAt;
    if (!history.agreedAt) {
      throw new AppError('TRANSITION_REFUSED', '该事项尚未达成调解协议，不能申请司法确认。', {
        reason: 'NO_AGREEMENT',
      });
    }
    const due = confirmationWindowDue(history.agreedAt, await workCalendar(deps, m.countyCode, tx)).dueAt;
    if (now > due) {
      throw new AppError(
        'TRANSITION_REFUSED',
        '已超过调解协议生效之日起三十日，不能再申请司法确认（人民调解法第三十三条）。',
        {
          reason: 'WINDOW_CLOSED',
          dueAt: due.toISOString(),
        },
      );
    }
    const open = (await cases.forMatter(tx, m.countyCode, m.id)).find(
      (c) => c.kind === 'judicial_confirmation' && !['rejected', 'rejected_by_platform'].includes(c.status),
    );
    if (open)
      throw new AppError('CONFLICT', '该调解协议已申请司法确认，请等待法院答复。', { courtCaseId: open.id });
    const payload: ConfirmationApplication = {
      messageType: 'confirmation_application',
      messageId,
      countyCode: m.countyCode,
      matterCode: m.code,
      mediationOrg: await mediationOrgOf(deps, tx, m),
      mediator: await mediatorRef(tx, history.mediatorId),
      parties: await courtParties(deps, tx, m, input.parties),
      jointApplication: true,
      agreement: {
        effectiveAt: history.agreedAt.toISOString(),
        terms: input.terms,
        performance: input.performance,
      },
    };
    await openCase(deps, tx, m, messageId, 'judicial_confirmation', {
      agreedAt: history.agreedAt.toISOString(),
      windowDue: due.toISOString(),
    });
    await event({
      countyCode: m.countyCode,
      action: 'court.confirmation_applied',
      objectType: 'matter',
      objectId: m.id,
      after: {
        courtCaseId: messageId,
        agreedAt: history.agreedAt.toISOString(),
        windowDue: due.toISOString(),
      },
    });
    await enqueue(
      deps,
      ctx,
      tx,
      { countyCode: m.countyCode, matterId: m.id, courtCaseId: messageId },
      'confirmation_application',
      payload,
    );
  });
  return { courtCaseId: messageId };
}

async function openCase(
  deps: Deps,
  tx: Tx,
  m: MatterRow,
  id: string,
  kind: string,
  data: Record<string, unknown>,
) {
  const now = deps.clock.now();
  await cases.insert(tx, {
    countyCode: m.countyCode,
    id,
    matterId: m.id,
    kind,
    status: 'queued',
    data,
    createdAt: now,
    updatedAt: now,
  });
}

/** The matter's court dealings and, after an agreement, the judicial-confirmation window. */
export async function courtViewOf(deps: Deps, ctx: RequestCtx, matterId: string) {
  const actor = requireActor(ctx);
  const m = await records.workedMatter(deps, actor, matterId);
  const db = deps.database.db;
  const [list, messages, history, docking] = await Promise.all([
    cases.forMatter(db, m.countyCode, m.id),
    outbox.forMatter(db, m.countyCode, m.id),
    mediationHistory(db, m),
    courtDockingOf(db, m.countyCode),
  ]);
  // The window runs from the written agreement taking effect (人民调解法 art. 29, 33), else from agreeing.
  history.agreedAt = (await agreementEffectiveAt(db, m.countyCode, m.id)) ?? history.agreedAt;
  const due = history.agreedAt
    ? confirmationWindowDue(history.agreedAt, await workCalendar(deps, m.countyCode))
    : null;
  const window =
    history.agreedAt && due
      ? {
          agreedAt: history.agreedAt.toISOString(),
          dueAt: due.dueAt.toISOString(),
          provisionalNote: due.provisionalYears.length ? provisionalNote(due.provisionalYears) : null,
        }
      : null;
  return {
    cases: list.map((c) => presentCourtCase(c, messages.filter((o) => o.courtCaseId === c.id).at(-1))),
    confirmationWindow: window && { ...window, open: deps.clock.now() <= new Date(window.dueAt) },
    canRefer: docking.litigationReferral && !!history.terminationReason && !history.agreedAt,
    canApplyConfirmation:
      docking.judicialConfirmation && !!window && deps.clock.now() <= new Date(window.dueAt),
  };
}

/** 司法确认申请书 as the parties sign it and bring it to the court (or it is attached online). */
export async function confirmationApplicationPdf(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  caseId: string,
) {
  const actor = requireActor(ctx);
  const m = await records.workedMatter(deps, actor, matterId);
  assertActsForOwner(actor, m);
  const c = await cases.byId(deps.database.db, m.countyCode, caseId);
  if (!c || c.matterId !== m.id || c.kind !== 'judicial_confirmation') throw new AppError('NOT_FOUND');
  const message = (await outbox.forMatter(deps.database.db, m.countyCode, m.id)).find(
    (o) => o.courtCaseId === c.id && o.kind === 'confirmation_application',
  );
  if (!message) throw new AppError('NOT_FOUND');
  const application = openPayload(deps, message.payload) as ConfirmationApplication;
  const district = await orgByDivisionCode(deps, m.countyCode);
  const doc = confirmationApplicationDocument(application, {
    courtName: c.courtName ?? `${district?.name ?? ''}人民法院`,
    agreedDay: formatDayZh(new Date(application.agreement.effectiveAt)),
    today: formatDayZh(c.createdAt),
  });
  const pdf = await renderPdf(doc, { createdAt: c.createdAt });
  await recordPrint(deps, ctx, m, { document: 'confirmation_application', objectId: c.id });
  return { pdf, fileName: `司法确认申请书-${m.code}.pdf` };
}
