/**
 * The county's time-limit policies: the defaults with the administrator's latest saved version on
 * top (config documents 'local_policies' and 'lifecycle_policies', versioned). Read when a clock
 * starts; the rule is then kept on the deadline row, so a later change never moves it.
 */
import { defaultLifecyclePolicies, type LifecyclePolicies } from '../../../../core/domain/clock-rules';
import {
  defaultLocalPolicies,
  type LocalPolicies,
  resolveLocalPolicies,
} from '../../../../core/domain/time-limits';
import type { Executor } from '../../db/client';
import * as repo from './config.repo';

export interface Policies {
  local: LocalPolicies;
  lifecycle: LifecyclePolicies;
}

export const defaultPolicies: Policies = { local: defaultLocalPolicies, lifecycle: defaultLifecyclePolicies };

export async function countyPolicies(ex: Executor, countyCode: string): Promise<Policies> {
  const docs = await repo.latestOf(ex, countyCode, ['local_policies', 'lifecycle_policies']);
  const local = docs.get('local_policies');
  const lifecycle = docs.get('lifecycle_policies');
  return {
    local: resolveLocalPolicies((local?.body ?? {}) as Partial<LocalPolicies>),
    lifecycle: { ...defaultLifecyclePolicies, ...((lifecycle?.body ?? {}) as Partial<LifecyclePolicies>) },
  };
}
