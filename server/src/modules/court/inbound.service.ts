/**
 * What the court sends us (docs/COURT-API.md §3), after the route has checked the signature, the
 * nonce and the idempotency key: a mediation it entrusts or delegates, the ruling on a judicial
 * confirmation, the registration of a case we referred. Each is one transaction with its event.
 */
import { randomUUID } from 'node:crypto';
import type {
  CaseRegistration,
  ConfirmationRuling,
  MediationRequest,
} from '../../../../core/contracts/court';
import { categories } from '../../../../core/domain/catalog/categories';
import type { CourtOrigin } from '../../../../core/domain/matters/model';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { courtDockingOf } from '../config/court-docking.service';
import { recordEvent } from '../events/events.service';
import { write } from '../events/write';
import { intakeFromCourt } from '../matters/intake.service';
import { getOrgRow, orgByDivisionCode } from '../orgs/orgs.service';
import * as cases from './court-cases.repo';

export interface InboundAck {
  received: true;
  reference: string;
  duplicate: boolean;
}

/** Orgs the court may send a mediation to: the centers and the mediation organisations. */
const mediatingKinds = ['district', 'town', 'village', 'mediation_committee', 'mediation_room'];

/** The court names the dispute in its words; ours is the category with that name, else 其他. */
function categoryFor(disputeType: string): string {
  const hit = categories.find(
    (c) =>
      c.code.startsWith('MED-') &&
      !c.parentCode &&
      (disputeType.includes(c.name) || c.name.includes(disputeType)),
  );
  return hit?.code ?? 'MED-15';
}

export async function receiveMediationRequest(
  deps: Deps,
  ctx: RequestCtx,
  req: MediationRequest,
): Promise<InboundAck> {
  const policy = await courtDockingOf(deps.database.db, req.countyCode);
  if (!policy[req.type]) {
    throw new AppError(
      'UNPROCESSABLE',
      req.type === 'delegated' ? '本县（区）未开通接收法院委派调解。' : '本县（区）未开通接收法院委托调解。',
      { reason: 'FLOW_DISABLED' },
    );
  }
  const existing = await cases.byCourtNo(deps.database.db, req.countyCode, req.type, req.courtCaseNo);
  if (existing) return { received: true, reference: existing.id, duplicate: true };
  const org = /^[0-9a-f-]{36}$/.test(req.orgCode)
    ? await getOrgRow(deps, req.orgCode)
    : await orgByDivisionCode(deps, req.orgCode);
  if (!org || org.countyCode !== req.countyCode || !mediatingKinds.includes(org.kind)) {
    throw new AppError('NOT_FOUND', '未找到法院指定的调解组织。', { orgCode: req.orgCode });
  }
  const courtCaseId = randomUUID();
  const court: CourtOrigin = {
    type: req.type,
    procedure: req.type === 'entrusted' ? (req.procedure ?? 'ordinary') : null,
    courtCaseId,
  };
  const kindLabel = req.type === 'entrusted' ? '委托调解' : '委派调解';
  await intakeFromCourt(
    deps,
    ctx,
    org,
    {
      kind: 'dispute',
      channel: 'court',
      categoryCode: categoryFor(req.disputeType),
      title: `${req.courtName}${kindLabel}：${req.courtCaseNo}`.slice(0, 100),
      description: `${req.disputeType}。${req.summary}`,
      place: {},
      parties: req.parties.map((p) => ({
        role: p.role === 'third_party' ? 'other' : p.role,
        name: p.name,
        phone: p.phone,
      })),
    } as never,
    court,
    async (tx, { matterId }) => {
      const now = deps.clock.now();
      await cases.insert(tx, {
        countyCode: req.countyCode,
        id: courtCaseId,
        matterId,
        kind: req.type,
        status: 'received',
        courtName: req.courtName,
        courtCaseNo: req.courtCaseNo,
        data: { procedure: court.procedure, disputeType: req.disputeType },
        createdAt: now,
        updatedAt: now,
      });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: req.countyCode,
        action: 'court.mediation_received',
        objectType: 'matter',
        objectId: matterId,
        after: {
          courtCaseId,
          type: req.type,
          courtName: req.courtName,
          courtCaseNo: req.courtCaseNo,
          orgId: org.id,
        },
      });
    },
  );
  return { received: true, reference: courtCaseId, duplicate: false };
}

export async function receiveConfirmationRuling(
  deps: Deps,
  ctx: RequestCtx,
  r: ConfirmationRuling,
): Promise<InboundAck> {
  return write(deps, ctx, async ({ tx, event }) => {
    const c = await cases.byId(tx, r.countyCode, r.applicationId);
    if (c?.kind !== 'judicial_confirmation') throw new AppError('NOT_FOUND', '未找到该司法确认申请。');
    if (c.status === 'confirmed' || c.status === 'rejected') {
      return { received: true as const, reference: c.id, duplicate: true };
    }
    if (r.result === 'rejected' && !r.reason) {
      throw new AppError('VALIDATION_FAILED', '驳回司法确认申请须说明理由。');
    }
    const now = deps.clock.now();
    await cases.update(tx, c, {
      status: r.result,
      courtName: r.courtName,
      courtCaseNo: r.courtCaseNo,
      answer: { result: r.result, reason: r.reason ?? null, ruledAt: r.ruledAt },
      updatedAt: now,
    });
    await event({
      countyCode: c.countyCode,
      action: 'court.confirmation_ruled',
      objectType: 'matter',
      objectId: c.matterId,
      reason: r.reason ?? null,
      after: { courtCaseId: c.id, result: r.result, courtName: r.courtName, courtCaseNo: r.courtCaseNo },
    });
    return { received: true as const, reference: c.id, duplicate: false };
  });
}

export async function receiveCaseRegistration(
  deps: Deps,
  ctx: RequestCtx,
  r: CaseRegistration,
): Promise<InboundAck> {
  return write(deps, ctx, async ({ tx, event }) => {
    const c = await cases.byId(tx, r.countyCode, r.referralId);
    if (c?.kind !== 'litigation_referral') throw new AppError('NOT_FOUND', '未找到该诉讼材料推送记录。');
    if (c.status === 'registered') return { received: true as const, reference: c.id, duplicate: true };
    await cases.update(tx, c, {
      status: 'registered',
      courtName: r.courtName,
      courtCaseNo: r.courtCaseNo,
      answer: { registeredAt: r.registeredAt },
      updatedAt: deps.clock.now(),
    });
    await event({
      countyCode: c.countyCode,
      action: 'court.case_registered',
      objectType: 'matter',
      objectId: c.matterId,
      after: { courtCaseId: c.id, courtName: r.courtName, courtCaseNo: r.courtCaseNo },
    });
    return { received: true as const, reference: c.id, duplicate: false };
  });
}
