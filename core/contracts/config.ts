import { z } from 'zod';
import { categoryGroups } from '../domain/catalog/categories';
import { matterKinds, riskGrades } from '../domain/matters/model';

const levelSchema = z.enum(['village', 'town', 'district']);

export const routingRuleSchema = z
  .object({
    id: z.string().trim().min(1).max(60),
    priority: z.number().int().min(0).max(100000),
    when: z.object({
      kinds: z.array(z.enum(matterKinds)).optional(),
      categoryCodes: z.array(z.string().max(20)).optional(),
      categoryGroups: z.array(z.enum(categoryGroups)).optional(),
      riskGrades: z.array(z.enum(riskGrades)).optional(),
      flags: z
        .object({
          collective: z.boolean().optional(),
          crossTown: z.boolean().optional(),
          departmentOwned: z.boolean().optional(),
          urgent: z.boolean().optional(),
        })
        .optional(),
      receivedAt: z.array(levelSchema).optional(),
    }),
    target: z.object({ level: levelSchema, department: z.string().trim().max(40).optional() }),
    reason: z.string().trim().min(2).max(300),
  })
  .meta({ id: 'RoutingRule' });

export const routingRulesSchema = z
  .object({ version: z.number().int(), rules: z.array(routingRuleSchema), isDefault: z.boolean() })
  .meta({ id: 'RoutingRules' });

export const saveRoutingRulesBodySchema = z.object({
  rules: z.array(routingRuleSchema).min(1).max(500),
  /** The version the administrator edited: a stale one answers 409. */
  baseVersion: z.number().int(),
});

export const routeTestBodySchema = z.object({
  kind: z.enum(matterKinds),
  categoryCode: z.string().max(20).optional(),
  riskGrade: z.enum(riskGrades).optional(),
  flags: z
    .object({
      collective: z.boolean().optional(),
      crossTown: z.boolean().optional(),
      departmentOwned: z.boolean().optional(),
      urgent: z.boolean().optional(),
    })
    .optional(),
  receivedAt: levelSchema.optional(),
});

export const routeTestResultSchema = z
  .object({
    chosen: z.object({
      level: levelSchema,
      department: z.string().optional(),
      ruleId: z.string(),
      reason: z.string(),
    }),
    considered: z.array(
      z.object({
        ruleId: z.string(),
        priority: z.number(),
        matched: z.boolean(),
        chosen: z.boolean(),
        why: z.string(),
      }),
    ),
  })
  .meta({ id: 'RouteTestResult' });

export type RoutingRuleInput = z.infer<typeof routingRuleSchema>;

/** The county's configurable time limits (本地时限), versioned like the routing rules. */
export const timeLimitPolicyKeys = [
  'peopleMediation',
  'villageHandling',
  'townHandling',
  'gridVerify',
  'gridDispatch',
  'gridHandle',
  'simpleAccept',
  'simpleHandle',
  'referralLegalAid',
  'referralCounselling',
  'referralJudicialRelief',
  'referralHardshipAid',
  'referralAdminMediation',
] as const;
export type TimeLimitPolicyKey = (typeof timeLimitPolicyKeys)[number];

const deadlineUnitSchema = z.enum(['calendar_day', 'working_day', 'hour', 'month']);

export const timeLimitPolicySchema = z.object({
  key: z.enum(timeLimitPolicyKeys),
  label: z.string(),
  amount: z.number().int(),
  unit: deadlineUnitSchema,
  citation: z.string(),
  confidence: z.enum(['medium', 'low']),
  source: z.string(),
});

export const timeLimitPoliciesSchema = z
  .object({
    version: z.number().int(),
    isDefault: z.boolean(),
    policies: z.array(timeLimitPolicySchema),
    warningFraction: z.number(),
  })
  .meta({ id: 'TimeLimitPolicies' });

export const saveTimeLimitsBodySchema = z.object({
  /** The version the administrator edited: a stale one answers 409. */
  baseVersion: z.number().int(),
  changes: z
    .array(
      z.object({
        key: z.enum(timeLimitPolicyKeys),
        amount: z.number().int().min(1, '期限至少为 1').max(365, '期限不能超过 365'),
        unit: deadlineUnitSchema,
        /** The local document that sets the number (本地规定的文号或名称). */
        citation: z.string().trim().min(2, '请写明依据（本地文件名称或文号）').max(200),
      }),
    )
    .max(timeLimitPolicyKeys.length),
  warningFraction: z.number().gt(0, '预警点须大于 0').lt(1, '预警点须小于 1').optional(),
});

export type TimeLimitPolicies = z.infer<typeof timeLimitPoliciesSchema>;
export type SaveTimeLimitsBody = z.infer<typeof saveTimeLimitsBodySchema>;

/**
 * The county's risk-warning thresholds (风险预警参数), versioned: every number of the four rules,
 * as core/domain/risk/policy.ts describes them. Bounds and the order of grades are checked by the
 * server (resolveRiskPolicies), which answers 400 with the field named in Chinese.
 */
const numbers = z.record(z.string(), z.number());
export const riskPoliciesBodySchema = z.object({
  spike: numbers,
  repeat: numbers,
  collective: numbers,
  escalation: numbers,
});

export const riskPoliciesSchema = z
  .object({
    version: z.number().int(),
    isDefault: z.boolean(),
    policies: riskPoliciesBodySchema,
  })
  .meta({ id: 'RiskPolicies' });
export type RiskPoliciesView = z.infer<typeof riskPoliciesSchema>;

export const saveRiskPoliciesBodySchema = z.object({
  /** The version the administrator edited: a stale one answers 409. */
  baseVersion: z.number().int(),
  policies: riskPoliciesBodySchema,
});
export type SaveRiskPoliciesBody = z.infer<typeof saveRiskPoliciesBodySchema>;
