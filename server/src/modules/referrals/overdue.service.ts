/**
 * The sweep's part for referrals (issue 17): an open referral past its due time is marked overdue once
 * (`overdue_at`), with an event on the referral and one on the matter's log, and the provider org's
 * staff and the handler who referred it are told in-app. Until now 已超期 was only computed on read,
 * so nobody heard of a referral left lying at the provider.
 */
import { type ServiceKind, serviceKindLabels } from '../../../../core/domain/referrals';
import { formatDayZh } from '../../../../core/domain/time-limits/local-date';
import type { Deps } from '../../context';
import { markOverdueEach, type OverdueSweepOutcome } from '../../overdue-sweep';
import { recordEvent } from '../events/events.service';
import { matterRowsByIds } from '../matters/query.service';
import { enqueue } from '../notifications/notifications.service';
import { getOrgRow } from '../orgs/orgs.service';
import { usersOfOrg } from '../users/users.service';
import * as repo from './referrals.repo';

export async function sweepReferrals(deps: Deps, limit = 200): Promise<OverdueSweepOutcome> {
  const candidates = await repo.overdueCandidates(deps.database.db, deps.clock.now(), limit);
  return markOverdueEach(
    deps,
    candidates,
    (c) => `转介服务 ${serviceKindLabels[c.kind as ServiceKind] ?? c.kind}`,
    async (tx, c, now, ctx) => {
      const r = await repo.referralById(tx, c.id, true);
      const open = r && !['concluded', 'declined', 'withdrawn'].includes(r.status);
      if (!r || !open || r.overdueAt || r.dueAt > now) return false;
      await repo.updateReferral(tx, r.id, { overdueAt: now });
      const service = serviceKindLabels[r.kind as ServiceKind] ?? r.kind;
      const provider = await getOrgRow(deps, r.providerOrgId, tx);
      const [m] = await matterRowsByIds(deps, r.countyCode, [r.matterId], tx);
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: r.countyCode,
        action: 'referral.overdue',
        objectType: 'referral',
        objectId: r.id,
        after: { status: r.status, dueAt: r.dueAt.toISOString(), providerOrgId: r.providerOrgId },
      });
      await recordEvent(tx, ctx, deps.clock, {
        countyCode: r.countyCode,
        action: 'referral.overdue',
        objectType: 'matter',
        objectId: r.matterId,
        reason: `${service}：超过办理期限未办结（${provider?.name ?? '服务机构'}）`,
        after: { referralId: r.id, kind: r.kind },
      });
      // The provider's workers and the handler who referred: both can move it (act, or withdraw).
      const to = new Set(await usersOfOrg(deps, r.providerOrgId, 'referral.provide', tx));
      to.add(r.createdBy);
      await enqueue(
        deps,
        tx,
        now,
        [...to].map((userId) => ({
          countyCode: r.countyCode,
          template: 'referral_overdue' as const,
          params: {
            code: m?.code ?? '',
            service,
            provider: provider?.name ?? '服务机构',
            due: formatDayZh(r.dueAt),
            matterId: r.matterId,
          },
          to: { userId },
          ref: { type: 'referral', id: r.id },
        })),
      );
      return true;
    },
  );
}
