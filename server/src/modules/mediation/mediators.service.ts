/**
 * The county's roster of mediators (调解员名册): who they are, where they sit, what they mediate and
 * which courts have them on their 特邀调解员 roster. Staff who work matters read it to let the parties
 * choose (人民调解法 art. 19); the business administrator keeps it.
 */

import type { MediatorProfileBody, MediatorView } from '../../../../core/contracts/mediation';
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import { requireActor, requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { recordEvent } from '../events/events.service';
import * as repo from './mediators.repo';

function present(r: repo.MediatorRow): MediatorView {
  return {
    userId: r.userId,
    displayName: r.displayName,
    org: r.orgId ? { id: r.orgId, name: r.orgName ?? '', kind: r.orgKind ?? '' } : null,
    specialties: r.specialties ?? [],
    courtRosters: r.courtRosters ?? [],
    rosterNo: r.rosterNo,
    intro: r.intro,
  };
}

export async function listMediators(deps: Deps, ctx: RequestCtx, f: { q?: string; specialty?: string }) {
  const actor = requireActor(ctx);
  const may = can(actor.roles, 'mediator.read');
  if (!may || actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return (await repo.list(deps.database.db, actor.countyCode, f, 200)).map(present);
}

/** Whether `userId` is an active mediator of the county: only they may be assigned to a mediation. */
export async function isCountyMediator(deps: Deps, countyCode: string, userId: string): Promise<boolean> {
  // Not a user id at all is simply not on the roster (and must not reach a uuid column).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return false;
  return repo.isMediator(deps.database.db, countyCode, userId);
}

export async function saveMediatorProfile(
  deps: Deps,
  ctx: RequestCtx,
  userId: string,
  body: MediatorProfileBody,
) {
  const actor = requirePermission(ctx, 'org.manage');
  if (!(await repo.isMediator(deps.database.db, actor.countyCode, userId))) throw new AppError('NOT_FOUND');
  await deps.database.transaction(async (tx) => {
    const before = await repo.profileOf(tx, actor.countyCode, userId);
    await repo.upsertProfile(tx, {
      countyCode: actor.countyCode,
      userId,
      specialties: [...new Set(body.specialties)],
      courtRosters: [...new Set(body.courtRosters)],
      rosterNo: body.rosterNo || null,
      intro: body.intro || null,
      updatedAt: deps.clock.now(),
      updatedBy: actor.userId,
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'mediation.mediator_profile_saved',
      objectType: 'user',
      objectId: userId,
      before: before ? { specialties: before.specialties, courtRosters: before.courtRosters } : null,
      after: {
        specialties: body.specialties,
        courtRosters: body.courtRosters,
        rosterNo: body.rosterNo ?? null,
      },
    });
  });
  deps.kickSealer();
  const [row] = (await repo.list(deps.database.db, actor.countyCode, {}, 10_000)).filter(
    (r) => r.userId === userId,
  );
  return present(row!);
}

/** Roster entries of the demo county's mediators (demo seed only), in the seed's transaction. */
export async function seedMediatorProfiles(
  ex: Executor,
  countyCode: string,
  entries: { username: string; specialties: string[]; courtRosters: string[] }[],
  now: Date,
) {
  for (const e of entries) {
    const userId = await repo.userIdByUsername(ex, countyCode, e.username);
    if (!userId) continue;
    await repo.upsertProfile(ex, {
      countyCode,
      userId,
      specialties: e.specialties,
      courtRosters: e.courtRosters,
      rosterNo: null,
      intro: null,
      updatedAt: now,
      updatedBy: null,
    });
  }
}
