/**
 * 本地时限 (the county's configurable time limits), edited by the business administrator and saved as
 * a new version of the 'local_policies' document. A deadline keeps the rule it started with on its
 * own row, so a change here applies only to clocks that start afterwards: running deadlines never move.
 */
import type {
  SaveTimeLimitsBody,
  TimeLimitPolicies,
  TimeLimitPolicyKey,
} from '../../../../core/contracts/config';
import { timeLimitPolicyKeys } from '../../../../core/contracts/config';
import { type LocalPolicies, resolveLocalPolicies } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import * as repo from './config.repo';
import { saveDocumentVersion } from './documents.service';

const NAME = 'local_policies';

function present(version: number, local: Readonly<LocalPolicies>): TimeLimitPolicies {
  return {
    version,
    isDefault: version === 0,
    policies: timeLimitPolicyKeys.map((key) => {
      const p = local[key];
      return {
        key,
        label: p.label,
        amount: p.value.amount,
        unit: p.value.unit,
        citation: p.value.citation,
        confidence: p.confidence,
        source: p.source,
      };
    }),
    warningFraction: local.warningFraction.value,
  };
}

export async function getTimeLimits(deps: Deps, ctx: RequestCtx): Promise<TimeLimitPolicies> {
  const actor = requirePermission(ctx, 'config.manage');
  const row = await repo.latest(deps.database.db, actor.countyCode, NAME);
  return present(row?.version ?? 0, resolveLocalPolicies((row?.body ?? {}) as Partial<LocalPolicies>));
}

export async function saveTimeLimits(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveTimeLimitsBody,
): Promise<TimeLimitPolicies> {
  const actor = requirePermission(ctx, 'config.manage');
  const keys = body.changes.map((c) => c.key);
  if (new Set(keys).size !== keys.length) {
    throw new AppError('VALIDATION_FAILED', '同一时限在一次保存中只能修改一次。');
  }
  let resolved: Readonly<LocalPolicies> | null = null;
  const version = await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '时限设置',
    action: 'config.time_limits_saved',
    baseVersion: body.baseVersion,
    build: async (_tx, stored) => {
      const overrides = { ...((stored ?? {}) as Partial<LocalPolicies>) };
      const base = resolveLocalPolicies(overrides);
      const changed: Record<string, unknown> = {};
      for (const c of body.changes) {
        const was = base[c.key as TimeLimitPolicyKey];
        overrides[c.key] = {
          ...was,
          value: { ...was.value, amount: c.amount, unit: c.unit, citation: c.citation },
          // A number the administrator set from a local document is no longer a placeholder.
          confidence: 'medium',
          source: `管理员依据“${c.citation}”设置`,
        };
        changed[c.key] = { from: `${was.value.amount} ${was.value.unit}`, to: `${c.amount} ${c.unit}` };
      }
      if (body.warningFraction !== undefined) {
        overrides.warningFraction = { ...base.warningFraction, value: body.warningFraction };
        changed.warningFraction = { from: base.warningFraction.value, to: body.warningFraction };
      }
      try {
        resolved = resolveLocalPolicies(overrides);
      } catch (e) {
        throw new AppError('VALIDATION_FAILED', `时限设置有误：${e instanceof Error ? e.message : ''}`);
      }
      return { body: overrides, after: { changed } };
    },
  });
  // Set by build, which ran inside the committed save.
  return present(version, resolved!);
}
