import type { z } from 'zod';
import type {
  RoutingRuleInput,
  routeTestBodySchema,
  routeTestResultSchema,
  routingRulesSchema,
} from '../../../core/contracts/config';
import { api } from './client';

export type RoutingRule = RoutingRuleInput;
export type RoutingRules = z.infer<typeof routingRulesSchema>;
export type RouteTestBody = z.infer<typeof routeTestBodySchema>;
export type RouteTestResult = z.infer<typeof routeTestResultSchema>;

export const configKeys = { routingRules: ['config', 'routing-rules'] as const };

export function fetchRoutingRules(signal?: AbortSignal): Promise<RoutingRules> {
  return api<RoutingRules>('GET', '/api/config/routing-rules', undefined, { signal });
}

export function saveRoutingRules(rules: RoutingRule[], baseVersion: number): Promise<RoutingRules> {
  return api<RoutingRules>('PUT', '/api/config/routing-rules', { rules, baseVersion });
}

export function testRoute(body: RouteTestBody): Promise<RouteTestResult> {
  return api<RouteTestResult>('POST', '/api/config/routing-rules/test', body);
}

export type { SaveTimeLimitsBody, TimeLimitPolicies } from '../../../core/contracts/config';

export const timeLimitKeys = ['config', 'time-limits'] as const;

export function fetchTimeLimits(
  signal?: AbortSignal,
): Promise<import('../../../core/contracts/config').TimeLimitPolicies> {
  return api('GET', '/api/config/time-limits', undefined, { signal });
}

export function saveTimeLimits(
  body: import('../../../core/contracts/config').SaveTimeLimitsBody,
): Promise<import('../../../core/contracts/config').TimeLimitPolicies> {
  return api('PUT', '/api/config/time-limits', body);
}

export type { RiskPoliciesView, SaveRiskPoliciesBody } from '../../../core/contracts/config';

export const riskPolicyKeys = ['config', 'risk-policies'] as const;

export function fetchRiskPolicies(
  signal?: AbortSignal,
): Promise<import('../../../core/contracts/config').RiskPoliciesView> {
  return api('GET', '/api/config/risk-policies', undefined, { signal });
}

export function saveRiskPolicies(
  body: import('../../../core/contracts/config').SaveRiskPoliciesBody,
): Promise<import('../../../core/contracts/config').RiskPoliciesView> {
  return api('PUT', '/api/config/risk-policies', body);
}
