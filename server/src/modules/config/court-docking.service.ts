/**
 * The county's court-docking switches (config document 'court_docking', versioned like the other
 * policies): the administrator turns each flow on or off; every change is an event.
 */
import { type CourtDockingPolicy, defaultCourtDocking } from '../../../../core/domain/court/docking';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import * as config from './config.repo';
import { saveDocumentVersion } from './documents.service';

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
  const version = await saveDocumentVersion(deps, ctx, actor, {
    name: NAME,
    label: '诉调对接设置',
    action: 'config.court_docking_saved',
    baseVersion,
    build: async (tx) => ({
      body: policy,
      before: { ...(await courtDockingOf(tx, actor.countyCode)) },
      after: { ...policy },
    }),
  });
  return { version, policy };
}
