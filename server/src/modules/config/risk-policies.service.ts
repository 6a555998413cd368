/**
 * 风险预警参数: the county's thresholds for the four early-warning rules, edited by the business
 * administrator and saved as a new version of the 'risk_policies' document. The rules read the
 * current version on every run (run.service), so a change applies from the next sweep on; warnings
 * already raised keep the grade and explanation they were raised with.
 */
import type { RiskPoliciesView, SaveRiskPoliciesBody } from '../../../../core/contracts/config';
import {
  type RiskPolicies,
  RiskPolicyError,
  type RiskPolicyGroup,
  resolveRiskPolicies,
  riskPolicyFields,
} from '../../../../core/domain/risk/policy';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import * as repo from './config.repo';
import { saveDocumentVersion } from './documents.service';

const NAME = 'risk_policies';

function present(version: number, p: RiskPolicies): RiskPoliciesView {
  return {
    version,
    isDefault: version === 0,
    policies: p as unknown as RiskPoliciesView['policies'],
  };
}

/** The policy the rules use for this county now: the defaults under the latest saved version. */
export async function countyRiskPolicies(ex: Executor, countyCode: string): Promise<RiskPolicies> {
  const row = await repo.latest(ex, countyCode, NAME);
  // A stored version was checked when saved; should a later change of bounds reject it, the rules
  // fall back to the defaults rather than stop warning altogether.
  try {
    return resolveRiskPolicies(row?.body);
  } catch {
    return resolveRiskPolicies(undefined);
  }
}

export async function getRiskPolicies(deps: Deps, ctx: RequestCtx): Promise<RiskPoliciesView> {
  const actor = requirePermission(ctx, 'config.manage');
  const row = await repo.latest(deps.database.db, actor.countyCode, NAME);
  return present(row?.version ?? 0, await countyRiskPolicies(deps.database.db, actor.countyCode));
}

export async function saveRiskPolicies(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveRiskPoliciesBody,
): Promise<RiskPoliciesView> {
  const actor = requirePermission(ctx, 'config.manage');
  let resolved: RiskPolicies;
  try {
    resolved = resolveRiskPolicies(body.policies);
  } catch (e) {
    if (e instanceof RiskPolicyError) throw new AppError('VALIDATION_FAILED', `预警参数有误：${e.message}`);
    throw e;
  }
  const version = await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '预警参数',
    action: 'config.risk_policies_saved',
    baseVersion: body.baseVersion,
    build: async (_tx, stored) => {
      let before: RiskPolicies;
      try {
        before = resolveRiskPolicies(stored ?? undefined);
      } catch {
        before = resolveRiskPolicies(undefined);
      }
      const changed: Record<string, { from: number; to: number }> = {};
      for (const f of riskPolicyFields) {
        const from = (before[f.group] as unknown as Record<string, number>)[f.key]!;
        const to = (resolved[f.group as RiskPolicyGroup] as unknown as Record<string, number>)[f.key]!;
        if (from !== to) changed[`${f.group}.${f.key}`] = { from, to };
      }
      if (Object.keys(changed).length === 0) {
        throw new AppError('UNPROCESSABLE', '没有修改任何参数。', { reason: 'NOTHING_CHANGED' });
      }
      return { body: resolved, after: { changed } };
    },
  });
  return present(version, resolved);
}
