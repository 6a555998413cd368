/**
 * 平安建设 targets: the county's list, saved as versions of the 'safety_targets' config document like the
 * other county-editable lists (docs/ARCHITECTURE.md); without one, the shipped defaults
 * (core/domain/safety/targets.ts). Read each time the targets are evaluated.
 */
import { resolveSafetyTargets, type SafetyTargetDef } from '../../../../core/domain/safety/targets';
import type { Executor } from '../../db/client';
import * as repo from './config.repo';

export const SAFETY_TARGETS_DOCUMENT = 'safety_targets';

export async function countySafetyTargets(ex: Executor, countyCode: string): Promise<SafetyTargetDef[]> {
  const row = await repo.latest(ex, countyCode, SAFETY_TARGETS_DOCUMENT);
  // A stored version was checked when saved; should a later rule reject it, evaluate the defaults
  // rather than show nothing.
  try {
    return resolveSafetyTargets(row?.body);
  } catch {
    return resolveSafetyTargets(undefined);
  }
}
