/**
 * Intake (受理登记) at one window: a clerk, a grid worker or a resident online. The org that takes the
 * matter in owns it (首问负责) until another org signs for it; staff register for their own org, and
 * the routing rules say where it should go ("why here"). Online intake has no window, so the rules
 * pick the owner. One code for life (一案一码); residents get a tracking secret once. This file holds
 * the entry points (staff, online, court, a body's decision); they all end in intake-register.ts.
 */

import type { IntakeBody } from '../../../../core/contracts/matters';
import type { CourtOrigin } from '../../../../core/domain/matters/model';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { withStampedCaches } from '../../db/stamped-cache';
import { getOrgRow, type OrgRow, orgByDivisionCode } from '../orgs/orgs.service';
import { registerIntake } from './intake-register';
import type { MatterRow } from './matters.repo';
import type { MatterRows } from './query.service';

export interface IntakeOutcome {
  matterId: string;
  code: string;
  trackingSecret: string | null;
  duplicates: { id: string; code: string; title: string; status: string; reasons: string[] }[];
  /** The rows the intake wrote, as written: the 201 is built from them (query.service matterDetailOfWritten). */
  written: { matter: MatterRow; rows: MatterRows };
}

/** Staff intake at the actor's own window. */
export async function intakeByStaff(deps: Deps, ctx: RequestCtx, body: IntakeBody): Promise<IntakeOutcome> {
  const actor = requireActor(ctx);
  if (!can(actor.roles, 'matter.intake') || !actor.orgId) {
    throw new AppError('FORBIDDEN', '您的角色不能登记事项。');
  }
  const orgId = actor.orgId;
  // The clerk's org, like the rest of intake's org and configuration reads, from the stamped caches.
  return withStampedCaches(async () => {
    const org = await getOrgRow(deps, orgId);
    if (!org) throw new AppError('FORBIDDEN');
    if (body.kind === 'report' && !can(actor.roles, 'matter.report')) {
      throw new AppError('VALIDATION_FAILED', '网格上报事件由网格员上报；窗口登记请选择其他事项类型。');
    }
    return registerIntake(deps, ctx, body, { owner: org, actor, staff: true });
  }, ctx.stamps);
}

/** What another intake path (Open311) writes in the intake's own transaction, so both land or neither. */
export type IntakeAlongside = (
  tx: Tx,
  /** `trackingSecret` only for online intake: the secret in clear, for the resident's SMS. */
  matter: { matterId: string; code: string; countyCode: string; trackingSecret: string | null },
) => Promise<void>;

/**
 * A task decided by a deliberative body (issue 7): registered as a real matter owned by the org the
 * decision names, so it runs the ordinary lifecycle and time limits and sits in that org's queue.
 * `alongside` runs inside the intake transaction (the link back to the meeting commits with the matter).
 * The caller (deliberation.service) has already checked who may decide and for which org.
 */
export async function intakeForDecision(
  deps: Deps,
  ctx: RequestCtx,
  owner: OrgRow,
  body: IntakeBody,
  alongside: IntakeAlongside,
): Promise<IntakeOutcome> {
  const actor = requireActor(ctx);
  return registerIntake(deps, ctx, body, { owner, actor, staff: true, alongside });
}

/** Online intake by a resident without an account: routed by the rules, answered with a tracking secret. */
export async function intakeOnline(
  deps: Deps,
  ctx: RequestCtx,
  countyCode: string,
  body: IntakeBody,
  alongside?: IntakeAlongside,
) {
  if (body.kind === 'report')
    throw new AppError('VALIDATION_FAILED', '群众反映的问题请按诉求或矛盾纠纷提交。');
  const phone = body.parties.find((p) => p.role === 'applicant' && p.phone)?.phone;
  if (!phone) throw new AppError('VALIDATION_FAILED', '请填写反映人的手机号码，用于查询办理进度。');
  const district = await orgByDivisionCode(deps, countyCode);
  if (!district) throw new AppError('NOT_FOUND', '未找到该县（区）。');
  return registerIntake(
    deps,
    ctx,
    { ...body, channel: 'online' },
    { owner: null, district, actor: null, staff: false, alongside },
  );
}

/**
 * A mediation the court sent (委托/委派, docs/COURT-API.md): registered at the org the court chose,
 * by the system and not a person, with the court case written in the same transaction.
 */
export async function intakeFromCourt(
  deps: Deps,
  ctx: RequestCtx,
  org: OrgRow,
  body: IntakeBody,
  court: CourtOrigin,
  alongside: IntakeAlongside,
): Promise<IntakeOutcome> {
  return registerIntake(
    deps,
    ctx,
    { ...body, channel: 'court' },
    { owner: org, actor: null, staff: true, court, alongside },
  );
}
