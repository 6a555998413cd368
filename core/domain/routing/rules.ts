/**
 * Routing rules (分流规则): which level, and which department hint, a matter goes to. The table is data the
 * administrator edits; the server versions it and stores the rule id and reason on the matter, so "why is
 * this matter here" is always answerable. This module holds the types and the evaluation only.
 *
 * Evaluation: rules are tried by descending priority, ties by ascending id (compared by code unit, not by
 * locale, so every browser and Node give the same order); the first whose every condition holds wins.
 * Conditions in one rule are AND; the values inside one condition are OR; an absent or empty condition
 * does not constrain. A rule with no conditions is a catch-all. If the table has none that matches,
 * `routeMatter` still answers with a built-in fallback (首问负责: the level that took the matter in keeps
 * it), so a matter is never left unrouted.
 */
import {
  type Category,
  type CategoryGroup,
  categories,
  categoryByCode,
  categoryGroupLabels,
  categoryLineage,
} from '../catalog/categories';
import {
  type MatterKind,
  matterKindLabels,
  type RiskGrade,
  riskGradeLabels,
} from '../catalog/matter-literals';
import { type Level, levelLabels } from '../orgs';

export { defaultRoutingRules } from './default-rules';

export const routingFlags = ['collective', 'crossTown', 'departmentOwned', 'urgent'] as const;
export type RoutingFlag = (typeof routingFlags)[number];
export const routingFlagLabels: Record<RoutingFlag, string> = {
  collective: '集体（群体性）',
  crossTown: '跨镇（街道）',
  departmentOwned: '属部门职责',
  urgent: '紧急',
};
export type RoutingFlags = Partial<Record<RoutingFlag, boolean>>;

export interface RuleWhen {
  kinds?: readonly MatterKind[];
  /** A code also matches its sub-categories (through `RoutingFacts.categoryLineage`). */
  categoryCodes?: readonly string[];
  categoryGroups?: readonly CategoryGroup[];
  riskGrades?: readonly RiskGrade[];
  /** Each listed flag must have exactly this value; an absent fact flag counts as false. */
  flags?: RoutingFlags;
  /** The level whose window took the matter in (needed for petitions: 信访工作条例 art. 20(1)). */
  receivedAt?: readonly Level[];
}

/**
 * Where a matching rule sends the matter. Named `target`, not `then`: an object with a `then` property is
 * a thenable to `await` and dynamic import, which Biome's noThenProperty rule forbids.
 */
export interface RuleTarget {
  level: Level;
  /** A department name hint such as '信访局', resolved to an org by the server. */
  department?: string;
}

export interface RoutingRule {
  id: string;
  priority: number;
  when: RuleWhen;
  target: RuleTarget;
  /** Chinese, shown to staff and residents as "why here". */
  reason: string;
}

export interface RoutingFacts {
  kind: MatterKind;
  categoryCode?: string;
  /** The category and its ancestors, root first (see `routingFactsFor`). */
  categoryLineage?: readonly string[];
  categoryGroup?: CategoryGroup;
  riskGrade?: RiskGrade;
  /** True when `riskGrade` is the category's default hint rather than an assessed grade. */
  riskFromHint?: boolean;
  flags?: RoutingFlags;
  receivedAt?: Level;
}

export interface RouteDecision {
  level: Level;
  department?: string;
  ruleId: string;
  reason: string;
}

export const FALLBACK_RULE_ID = 'builtin-fallback';

/**
 * Facts for routing from what intake knows. Fills the category lineage and group from the category list,
 * and, until the matter has been graded, its risk from the category's hint (docs/LEGAL.md §6.5: local default).
 */
export function routingFactsFor(
  input: Omit<RoutingFacts, 'categoryLineage' | 'categoryGroup' | 'riskFromHint'>,
  list: readonly Category[] = categories,
): RoutingFacts {
  const category = input.categoryCode ? categoryByCode(input.categoryCode, list) : undefined;
  if (!category) return { ...input };
  const lineage = categoryLineage(category.code, list);
  const graded = input.riskGrade !== undefined;
  return {
    ...input,
    categoryLineage: lineage,
    categoryGroup: category.group,
    riskGrade: input.riskGrade ?? category.riskHint,
    riskFromHint: !graded,
  };
}

/** Evaluation order: priority descending, then id ascending by code unit. */
export function sortRules(rules: readonly RoutingRule[]): RoutingRule[] {
  return [...rules].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function present<T>(values: readonly T[] | undefined): values is readonly T[] {
  return values !== undefined && values.length > 0;
}

function factCategoryCodes(facts: RoutingFacts): readonly string[] {
  const lineage = facts.categoryLineage ?? [];
  return facts.categoryCode && !lineage.includes(facts.categoryCode)
    ? [...lineage, facts.categoryCode]
    : lineage;
}

interface Check {
  ok: boolean;
  text: string;
}

function checksOf(rule: RoutingRule, facts: RoutingFacts, list: readonly Category[]): Check[] {
  const w = rule.when;
  const checks: Check[] = [];
  const nameOf = (code: string) => categoryByCode(code, list)?.name ?? code;
  const or = (xs: readonly string[]) => xs.join('或');
  if (present(w.kinds)) {
    const ok = w.kinds.includes(facts.kind);
    const want = or(w.kinds.map((k) => matterKindLabels[k]));
    checks.push({
      ok,
      text: ok
        ? `类型为${matterKindLabels[facts.kind]}`
        : `类型为${matterKindLabels[facts.kind]}，规则要求${want}`,
    });
  }
  if (present(w.categoryCodes)) {
    const have = factCategoryCodes(facts);
    const hit = w.categoryCodes.find((c) => have.includes(c));
    const want = or(w.categoryCodes.map(nameOf));
    const own = facts.categoryCode ? nameOf(facts.categoryCode) : undefined;
    checks.push({
      ok: hit !== undefined,
      text:
        hit !== undefined
          ? `类别${own}属于${nameOf(hit)}`
          : own
            ? `类别为${own}，规则要求${want}`
            : `未选择类别，规则要求${want}`,
    });
  }
  if (present(w.categoryGroups)) {
    const g = facts.categoryGroup;
    const ok = g !== undefined && w.categoryGroups.includes(g);
    const want = or(w.categoryGroups.map((x) => categoryGroupLabels[x]));
    checks.push({
      ok,
      text: ok
        ? `属于${categoryGroupLabels[g]}`
        : `${g ? `属于${categoryGroupLabels[g]}` : '类别分组不明'}，规则要求${want}`,
    });
  }
  if (present(w.riskGrades)) {
    const r = facts.riskGrade;
    const ok = r !== undefined && w.riskGrades.includes(r);
    const have = r
      ? `风险等级为${riskGradeLabels[r]}${facts.riskFromHint ? '（类别默认）' : ''}`
      : '尚未评定风险等级';
    checks.push({
      ok,
      text: ok ? have : `${have}，规则要求${or(w.riskGrades.map((x) => riskGradeLabels[x]))}`,
    });
  }
  for (const flag of routingFlags) {
    const want = w.flags?.[flag];
    if (want === undefined) continue;
    const have = facts.flags?.[flag] === true;
    const label = routingFlagLabels[flag];
    const haveText = have ? `${label}事项` : `非${label}事项`;
    checks.push({
      ok: have === want,
      text: have === want ? haveText : `${haveText}，规则要求${want ? '' : '非'}${label}`,
    });
  }
  if (present(w.receivedAt)) {
    const at = facts.receivedAt;
    const ok = at !== undefined && w.receivedAt.includes(at);
    const want = or(w.receivedAt.map((l) => levelLabels[l]));
    checks.push({
      ok,
      text: ok
        ? `在${levelLabels[at]}受理`
        : `${at ? `在${levelLabels[at]}受理` : '受理层级不明'}，规则要求${want}`,
    });
  }
  return checks;
}

export function ruleMatches(rule: RoutingRule, facts: RoutingFacts): boolean {
  return checksOf(rule, facts, categories).every((c) => c.ok);
}

function decisionOf(rule: RoutingRule): RouteDecision {
  return {
    level: rule.target.level,
    ...(rule.target.department ? { department: rule.target.department } : {}),
    ruleId: rule.id,
    reason: rule.reason,
  };
}

function fallbackDecision(facts: RoutingFacts): RouteDecision {
  return {
    level: facts.receivedAt ?? 'town',
    ruleId: FALLBACK_RULE_ID,
    reason: facts.receivedAt
      ? '没有匹配的分流规则：按首问负责，由受理的层级办理。'
      : '没有匹配的分流规则，受理层级也不明：由镇（街道）综治中心研判后办理。',
  };
}

/** The level (and department hint) for a matter: the first matching rule in evaluation order. */
export function routeMatter(rules: readonly RoutingRule[], facts: RoutingFacts): RouteDecision {
  const rule = sortRules(rules).find((r) => ruleMatches(r, facts));
  return rule ? decisionOf(rule) : fallbackDecision(facts);
}

export interface RuleConsideration {
  ruleId: string;
  priority: number;
  matched: boolean;
  chosen: boolean;
  why: string;
}

export interface RouteExplanation {
  chosen: RouteDecision;
  /** Every rule in evaluation order, with why it did or did not decide. */
  considered: RuleConsideration[];
}

/**
 * For the administrator's "test a matter" box: the decision and, for every rule in evaluation order,
 * whether it matched and why (all failing conditions, not only the first, so a rule can be fixed at once).
 */
export function explainRoute(
  rules: readonly RoutingRule[],
  facts: RoutingFacts,
  list: readonly Category[] = categories,
): RouteExplanation {
  let chosenRule: RoutingRule | undefined;
  const considered = sortRules(rules).map((rule): RuleConsideration => {
    const checks = checksOf(rule, facts, list);
    const failed = checks.filter((c) => !c.ok);
    const matched = failed.length === 0;
    let why: string;
    if (!matched) why = `不匹配：${failed.map((c) => c.text).join('；')}`;
    else if (chosenRule) why = `条件满足，但优先级低于已选中的规则 ${chosenRule.id}`;
    else why = checks.length === 0 ? '兜底规则，无条件匹配' : `匹配：${checks.map((c) => c.text).join('；')}`;
    const chosen = matched && !chosenRule;
    if (chosen) chosenRule = rule;
    return { ruleId: rule.id, priority: rule.priority, matched, chosen, why };
  });
  return { chosen: chosenRule ? decisionOf(chosenRule) : fallbackDecision(facts), considered };
}

/**
 * Problems in an edited rule table, in Chinese; empty when it is sound. A table without a catch-all is
 * reported (the built-in fallback would then decide silently), as are duplicate ids, non-integer
 * priorities, empty reasons and unknown category codes.
 */
export function validateRules(
  rules: readonly RoutingRule[],
  list: readonly Category[] = categories,
): string[] {
  const issues: string[] = [];
  const ids = new Set<string>();
  for (const r of rules) {
    if (r.id.trim() === '') issues.push('规则编号不能为空');
    if (ids.has(r.id)) issues.push(`规则编号重复：${r.id}`);
    ids.add(r.id);
    if (!Number.isInteger(r.priority)) issues.push(`${r.id} 的优先级应为整数`);
    if (r.reason.trim() === '') issues.push(`${r.id} 缺少分流理由`);
    if (!(r.target.level in levelLabels)) issues.push(`${r.id} 的目标层级无效`);
    for (const code of r.when.categoryCodes ?? []) {
      if (!categoryByCode(code, list)) issues.push(`${r.id} 引用了不存在的类别 ${code}`);
    }
  }
  if (!rules.some((r) => isCatchAll(r))) issues.push('缺少兜底规则（无任何条件的规则）');
  return issues;
}

export function isCatchAll(rule: RoutingRule): boolean {
  const w = rule.when;
  return (
    !present(w.kinds) &&
    !present(w.categoryCodes) &&
    !present(w.categoryGroups) &&
    !present(w.riskGrades) &&
    !present(w.receivedAt) &&
    Object.values(w.flags ?? {}).every((v) => v === undefined)
  );
}
