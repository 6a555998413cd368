/**
 * 网格员履职标准: the county's duty list, edited by the business administrator and saved as a new
 * version of the 'duty_standard' document. The assessment reads the current version each time it is
 * computed, so a change applies to every period looked at afterwards (docs/WORKFORCE.md).
 */
import type { DutyStandardView, SaveDutyStandardBody } from '../../../../core/contracts/workforce';
import {
  type DutyStandard,
  DutyStandardError,
  dutyStandardFields,
  resolveDutyStandard,
} from '../../../../core/domain/workforce/duty-standard';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import * as repo from './config.repo';
import { saveDocumentVersion } from './documents.service';

const NAME = 'duty_standard';

function safeResolve(body: unknown): DutyStandard {
  // A stored version was checked when saved; should a later change of bounds reject it, the
  // assessment falls back to the defaults rather than stop.
  try {
    return resolveDutyStandard(body);
  } catch {
    return resolveDutyStandard(undefined);
  }
}

/** The county's standard now, with its version (0: the shipped defaults). */
export async function countyDutyStandard(ex: Executor, countyCode: string): Promise<DutyStandardView> {
  const row = await repo.latest(ex, countyCode, NAME);
  const version = row?.version ?? 0;
  return { version, isDefault: version === 0, standard: safeResolve(row?.body) };
}

export async function getDutyStandard(deps: Deps, ctx: RequestCtx): Promise<DutyStandardView> {
  const actor = requirePermission(ctx, 'config.manage');
  return countyDutyStandard(deps.database.db, actor.countyCode);
}

export async function saveDutyStandard(
  deps: Deps,
  ctx: RequestCtx,
  body: SaveDutyStandardBody,
): Promise<DutyStandardView> {
  const actor = requirePermission(ctx, 'config.manage');
  let resolved: DutyStandard;
  try {
    resolved = resolveDutyStandard(body.standard);
  } catch (e) {
    if (e instanceof DutyStandardError) throw new AppError('VALIDATION_FAILED', `履职标准有误：${e.message}`);
    throw e;
  }
  const version = await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '履职标准',
    action: 'config.duty_standard_saved',
    baseVersion: body.baseVersion,
    build: async (_tx, stored) => {
      const before = safeResolve(stored ?? undefined);
      const changed: Record<string, { from: number; to: number }> = {};
      for (const f of dutyStandardFields) {
        if (before[f.key] !== resolved[f.key]) changed[f.key] = { from: before[f.key], to: resolved[f.key] };
      }
      if (Object.keys(changed).length === 0) {
        throw new AppError('UNPROCESSABLE', '没有修改任何标准。', { reason: 'NOTHING_CHANGED' });
      }
      return { body: resolved, after: { changed } };
    },
  });
  return { version, isDefault: false, standard: resolved };
}
