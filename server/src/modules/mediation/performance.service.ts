/**
 * After the agreement: the org checks that it is performed (人民调解法 art. 31–32: 调解委员会应当对调解
 * 协议的履行情况进行监督). When the performance day comes, the mediator (or the org's clerks) get an
 * in-app reminder to visit; the visit's finding is recorded on the agreement and in the event log.
 */

import type { PerformanceBody } from '../../../../core/contracts/mediation';
import { can } from '../../../../core/domain/permissions';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { failureOf, type JobFailure } from '../../failures';
import { countyCodes } from '../counties/counties.service';
import { recordEvent } from '../events/events.service';
import * as records from '../matters/records.service';
import { enqueue } from '../notifications/notifications.service';
import { usersOfOrg } from '../users/users.service';
import { presentAgreement } from './agreements.presenter';
import * as repo from './agreements.repo';

export async function recordPerformance(
  deps: Deps,
  ctx: RequestCtx,
  matterId: string,
  agreementId: string,
  body: PerformanceBody,
) {
  const actor = requireActor(ctx);
  const m = await records.workedMatter(deps, actor, matterId);
  const now = deps.clock.now();
  await deps.database.transaction(async (tx) => {
    const a = await repo.lock(tx, m.countyCode, agreementId);
    if (!a || a.matterId !== m.id) throw new AppError('NOT_FOUND');
    const mayAct =
      actor.userId === a.mediatorId ||
      ((actor.orgId === a.orgId || actor.orgId === m.ownerOrgId) && can(actor.roles, 'mediation.agreement'));
    if (!mayAct) throw new AppError('FORBIDDEN', '只有调解组织或调解员可以记录协议履行情况。');
    if (a.status !== 'effective') throw new AppError('CONFLICT', '调解协议尚未生效。');
    await repo.update(tx, a, { performance: body.performance, performanceCheckedAt: now, updatedAt: now });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: m.countyCode,
      action: 'mediation.performance_checked',
      objectType: 'matter',
      objectId: m.id,
      reason: body.note,
      after: { agreementId: a.id, performance: body.performance },
    });
  });
  deps.kickSealer();
  const a = await repo.byId(deps.database.db, m.countyCode, agreementId);
  return presentAgreement(a!, await repo.signaturesOf(deps.database.db, m.countyCode, agreementId));
}

/** Run after the deadline sweep: one in-app reminder per agreement whose performance day has come. */
export async function remindPerformanceVisits(deps: Deps): Promise<{ sent: number; failed: JobFailure[] }> {
  const now = deps.clock.now();
  let sent = 0;
  const failed: JobFailure[] = [];
  // County by county: each county's agreements live on its own shard (issue 18).
  const due: repo.AgreementRow[] = [];
  for (const county of await countyCodes(deps))
    due.push(...(await repo.performanceDue(deps.database.db, county, toLocalDate(now))));
  for (const a of due) {
    const m = await records.matterById(deps.database.db, a.countyCode, a.matterId);
    if (!m) continue;
    try {
      // No mediator to ask: the org's window, who decide its matters and close their files.
      const to = a.mediatorId ? [a.mediatorId] : await usersOfOrg(deps, a.orgId, 'matter.decide');
      await deps.database.transaction(async (tx) => {
        const locked = await repo.lock(tx, a.countyCode, a.id);
        if (!locked || locked.performanceRemindedAt || locked.performanceCheckedAt) return;
        await repo.update(tx, locked, { performanceRemindedAt: now });
        sent += await enqueue(
          deps,
          tx,
          now,
          to.map((userId) => ({
            countyCode: a.countyCode,
            template: 'performance_visit' as const,
            params: { code: m.code, deadline: a.content.performance.deadline, matterId: m.id },
            to: { userId },
            ref: { type: 'agreement', id: a.id },
          })),
        );
      });
    } catch (e) {
      // One agreement's failure never stops the others; unmarked, it is tried again next run.
      failed.push(failureOf(m.code, e));
    }
  }
  return { sent, failed };
}
