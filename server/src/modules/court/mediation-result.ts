import type { MediationResult } from '../../../../core/contracts/court';
import type { MatterState } from '../../../../core/domain/matters/model';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import * as cases from './court-cases.repo';
import { enqueue, newMessageId } from './outbox.service';

/**
 * When a court-sent mediation ends (agreement or termination), its result goes back to the court in
 * the same transaction (在线调解规则 art. 20–21). Called by the lifecycle after every decision.
 */
export async function afterCourtMediationDecision(
  deps: Deps,
  ctx: RequestCtx,
  tx: Tx,
  m: { countyCode: string; id: string; code: string; state: MatterState },
  event: { name: string; reason: string | null; data: Record<string, unknown> },
): Promise<void> {
  const origin = m.state.court;
  if (!origin || !['matter.mediation_agreed', 'matter.mediation_terminated'].includes(event.name)) return;
  const c = await cases.byId(tx, m.countyCode, origin.courtCaseId);
  if (!c?.courtCaseNo) return;
  const agreed = event.name === 'matter.mediation_agreed';
  const reasonCode =
    (event.data.terminationReason as MediationResult['reasonCode']) ??
    (agreed ? 'agreement_reached' : 'other');
  const payload: MediationResult = {
    messageType: 'mediation_result',
    messageId: newMessageId(),
    countyCode: m.countyCode,
    courtCaseNo: c.courtCaseNo,
    matterCode: m.code,
    outcome: agreed ? 'agreement' : 'failed',
    reasonCode,
    reason: event.reason ?? (agreed ? '当事人达成调解协议' : '调解不成'),
    concludedAt: deps.clock.now().toISOString(),
  };
  await cases.update(tx, c, { status: 'result_queued', updatedAt: deps.clock.now() });
  await enqueue(
    deps,
    ctx,
    tx,
    { countyCode: m.countyCode, matterId: m.id, courtCaseId: c.id },
    'mediation_result',
    payload,
  );
}
