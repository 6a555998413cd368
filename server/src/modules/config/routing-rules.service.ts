/**
 * The county's routing rules table (分流规则), editable by the business administrator and versioned:
 * saving adds a version (never edits one), each intake records the version and rule that routed it,
 * and a "test a matter" call shows which rule fires and why.
 */
import type { RoutingRuleInput } from '../../../../core/contracts/config';
import type { MatterKind, RiskGrade } from '../../../../core/domain/matters/model';
import type { Level } from '../../../../core/domain/orgs';
import {
  defaultRoutingRules,
  explainRoute,
  type RoutingRule,
  routingFactsFor,
  validateRules,
} from '../../../../core/domain/routing/rules';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { countyCatalog } from './catalog.service';
import * as repo from './config.repo';
import { saveDocumentVersion } from './documents.service';

const NAME = 'routing_rules';

/** The rules in force for a county (the defaults until an administrator saves a version). */
export async function routingRulesFor(
  ex: Executor,
  countyCode: string,
): Promise<{ version: number; rules: RoutingRule[] }> {
  const row = await repo.latest(ex, countyCode, NAME);
  return row
    ? { version: row.version, rules: row.body as RoutingRule[] }
    : { version: 0, rules: [...defaultRoutingRules] };
}

export async function getRoutingRules(deps: Deps, ctx: RequestCtx) {
  const actor = requirePermission(ctx, 'config.manage');
  const r = await routingRulesFor(deps.database.db, actor.countyCode);
  // The domain's readonly arrays, as the contract's plain ones.
  return { version: r.version, rules: r.rules as RoutingRuleInput[], isDefault: r.version === 0 };
}

export async function saveRoutingRules(
  deps: Deps,
  ctx: RequestCtx,
  rules: RoutingRuleInput[],
  baseVersion: number,
) {
  const actor = requirePermission(ctx, 'config.manage');
  // Rules may name the county's own categories, retired ones included (old matters still carry them).
  const { categories } = await countyCatalog(deps.database.db, actor.countyCode);
  const issues = validateRules(rules as RoutingRule[], categories);
  if (issues.length)
    throw new AppError('VALIDATION_FAILED', `分流规则有误：${issues.join('；')}`, { issues });
  await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '分流规则',
    action: 'config.routing_rules_saved',
    baseVersion,
    build: async (tx) => {
      const current = await routingRulesFor(tx, actor.countyCode);
      return { body: rules, before: { rules: current.rules.length }, after: { rules: rules.length } };
    },
  });
  return getRoutingRules(deps, ctx);
}

export async function testRoute(
  deps: Deps,
  ctx: RequestCtx,
  facts: {
    kind: MatterKind;
    categoryCode?: string | undefined;
    riskGrade?: RiskGrade | undefined;
    flags?: Record<string, boolean | undefined> | undefined;
    receivedAt?: Level | undefined;
  },
) {
  const actor = requirePermission(ctx, 'config.manage');
  const { rules } = await routingRulesFor(deps.database.db, actor.countyCode);
  const { categories } = await countyCatalog(deps.database.db, actor.countyCode);
  return explainRoute(
    rules,
    routingFactsFor({ ...facts, flags: facts.flags as Record<string, boolean> }, categories),
    categories,
  );
}
