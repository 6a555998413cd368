/**
 * The resident's side without an account: submit online, then follow the matter with its code, the
 * tracking secret and the phone number given at intake. Nothing personal comes back, and a wrong
 * code, secret or phone all answer the same 404 (docs/SECURITY.md G24).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import type { Actor as LifecycleActor, MatterCommand } from '../../../../core/domain/matters/commands';
import { allowedActions } from '../../../../core/domain/matters/lifecycle';
import { matterStatusLabels } from '../../../../core/domain/matters/model';
import { transitionTable } from '../../../../core/domain/matters/transitions';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { countyCatalog } from '../config/catalog.service';
import { orgRowsByIds } from '../orgs/orgs.service';
import { applyDecision } from './actions.service';
import { toDeadlineView } from './matters.presenter';
import * as repo from './matters.repo';
import { piiHash } from './pii';

const residentActions = ['rate', 'request_review', 'request_reexam'] as const;

/** Steps that are not lifecycle actions but that the resident took, named in their words. */
const residentEventLabels: Record<string, string> = {
  'open311.request_filed': '经手机应用提交',
  'open311.update_received': '补充意见',
};

function sameHash(a: string | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

async function openByProof(deps: Deps, code: string, secret: string, phone: string) {
  const m = await repo.byCode(deps.database.db, code.trim());
  const secretHash = createHash('sha256').update(secret.trim().toUpperCase()).digest('hex');
  const phoneHash = piiHash(deps.config.piiHashKey, 'phone', phone) ?? '';
  // Both checks run whether or not the code exists, so timing tells nothing either.
  const okSecret = sameHash(m?.trackingSecretHash ?? '0'.repeat(64), secretHash);
  const okPhone = sameHash(m?.contactPhoneHash ?? '0'.repeat(64), phoneHash);
  if (!m || !okSecret || !okPhone)
    throw new AppError('NOT_FOUND', '未找到该事项：请核对事项编号、查询码和手机号码。');
  return m;
}

export async function trackMatter(deps: Deps, code: string, secret: string, phone: string) {
  const m = await openByProof(deps, code, secret, phone);
  const now = deps.clock.now();
  const deadlines = await repo.deadlinesOf(deps.database.db, [m.id]);
  const orgs = await orgRowsByIds(deps, [m.ownerOrgId, ...deadlines.map((d) => d.orgId)]);
  const timeline = await repo.timelineOf(deps.database.db, m.countyCode, m.id);
  const resident: LifecycleActor = { type: 'resident', userId: null };
  const live = deadlines.filter((d) => d.status === 'running' || d.status === 'paused');
  const can = allowedActions(m.state, {
    now,
    actor: resident,
    deadlines: live.map((d) => ({ basis: d.basis, orgId: d.orgId, dueAt: d.dueAt })),
  });
  const owner = orgs.get(m.ownerOrgId);
  const { categories } = await countyCatalog(deps.database.db, m.countyCode);
  return {
    code: m.code,
    title: m.title,
    category: categoryByCode(m.categoryCode, categories)?.name ?? m.categoryCode,
    status: m.status,
    statusLabel: matterStatusLabels[m.status as keyof typeof matterStatusLabels] ?? m.status,
    holder: owner?.centerName ?? owner?.name ?? '',
    deadlines: live.map((d) =>
      toDeadlineView(d, orgs.get(d.orgId)?.centerName ?? orgs.get(d.orgId)?.name ?? '', now),
    ),
    // Plain words for the resident: what happened and when, without staff names.
    timeline: timeline
      .map((e) => {
        const after = (e.after ?? {}) as { action?: string; status?: string };
        const label =
          e.action === 'matter.registered'
            ? '提交登记'
            : e.action in residentEventLabels
              ? residentEventLabels[e.action]!
              : after.action
                ? (transitionTable[after.action as keyof typeof transitionTable]?.label ?? '办理')
                : '办理';
        return {
          at: e.at.toISOString(),
          label,
          status: after.status
            ? (matterStatusLabels[after.status as keyof typeof matterStatusLabels] ?? null)
            : null,
        };
      })
      .filter((e) => !e.label.startsWith('查看')),
    actions: can
      .filter((a) => (residentActions as readonly string[]).includes(a))
      .map((a) => ({ action: a, label: transitionTable[a].label })),
  };
}

export async function residentAct(
  deps: Deps,
  ctx: RequestCtx,
  proof: { code: string; secret: string; phone: string },
  command: {
    action: 'rate' | 'request_review' | 'request_reexam';
    rating?: string;
    substantive?: boolean;
    reason?: string;
  },
) {
  const m = await openByProof(deps, proof.code, proof.secret, proof.phone);
  await deps.database.transaction(async (tx) => {
    const locked = await repo.lockById(tx, m.id);
    if (!locked) throw new AppError('NOT_FOUND');
    await applyDecision(
      deps,
      ctx,
      tx,
      locked,
      command as unknown as MatterCommand,
      { type: 'resident', userId: null },
      null,
    );
  });
  deps.kickSealer();
  return trackMatter(deps, proof.code, proof.secret, proof.phone);
}
