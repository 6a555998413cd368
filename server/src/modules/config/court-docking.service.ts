/**
 * The county's court-docking switches (config document 'court_docking', versioned like the other
 * policies): the administrator turns each flow on or off; every change is an event.
 */
import { type CourtDockingPolicy, defaultCourtDocking } from '../../../../core/domain/court/docking';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { recordEvent } from '../events/events.service';
import * as config from './config.repo';

const NAME = 'court_docking';

export async function courtDockingOf(ex: Executor, countyCode: string): Promise<CourtDockingPolicy> {
  const row = await config.latest(ex, countyCode, NAME);
  return { ...defaultCourtDocking, ...((row?.body ?? {}) as Partial<CourtDockingPolicy>) };
}

export async function getCourtDocking(deps: Deps, ctx: RequestCtx) {
  const actor = requirePermission(ctx, 'config.manage');
  const row = await config.latest(deps.database.db, actor.countyCode, NAME);
  return { version: row?.version ?? 0, policy: await courtDockingOf(deps.database.db, actor.countyCode) };
}

export async function saveCourtDocking(
  deps: Deps,
  ctx: RequestCtx,
  policy: CourtDockingPolicy,
  baseVersion: number,
) {
  const actor = requirePermission(ctx, 'config.manage');
  return deps.database.transaction(async (tx) => {
    const row = await config.latest(tx, actor.countyCode, NAME);
    const version = row?.version ?? 0;
    if (version !== baseVersion) throw new AppError('CONFLICT', '对接设置已被他人修改，请刷新后再保存。');
    const before = await courtDockingOf(tx, actor.countyCode);
    await config.insertVersion(tx, {
      countyCode: actor.countyCode,
      name: NAME,
      version: version + 1,
      body: policy,
      createdAt: deps.clock.now(),
      createdBy: actor.userId,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'config.court_docking_saved',
      objectType: 'config',
      objectId: NAME,
      before,
      after: { ...policy, version: version + 1 },
    });
    deps.kickSealer();
    return { version: version + 1, policy };
  });
}
