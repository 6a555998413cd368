/** Deliberative bodies and their members: create (with seats and terms), list, read. */
import { randomUUID } from 'node:crypto';
import type { BodyDetail, BodySummary, CreateBodyBody } from '../../../../core/contracts/deliberation';
import { isTerritorial, type OrgKind } from '../../../../core/domain/orgs';
import { AppError } from '../../../../core/errors';
import { assertWithin, requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import { write } from '../events/write';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import { userInCounty } from '../users/users.service';
import {
  assertSee,
  canManageBody,
  isDeliberationStaff,
  mayManageRole,
  type Viewer,
  viewerFrom,
} from './access';
import { toBodySummary, toMemberView } from './deliberation.presenter';
import * as repo from './deliberation.repo';

export async function viewerOf(deps: Deps, ctx: RequestCtx): Promise<Viewer> {
  const actor = requireActor(ctx);
  return viewerFrom(ctx, await repo.bodyIdsOfMember(deps.database.db, actor.countyCode, actor.userId));
}

function checkTerm(start: string, end: string, what: string) {
  if (end < start) throw new AppError('VALIDATION_FAILED', `${what}的任期结束日期早于开始日期，请核对。`);
}

export async function createBody(deps: Deps, ctx: RequestCtx, body: CreateBodyBody): Promise<BodyDetail> {
  const actor = requireActor(ctx);
  if (!mayManageRole(actor)) throw new AppError('FORBIDDEN', '只有窗口、办理人员和领导可以设立议事组织。');
  const org = await getOrgRow(deps, body.orgId);
  if (!org) throw new AppError('NOT_FOUND');
  assertWithin(actor, org.countyCode, org.path);
  if (!isTerritorial(org.kind as OrgKind))
    throw new AppError('VALIDATION_FAILED', '议事组织只能设在村（社区）、镇（街道）或区一级。');
  checkTerm(body.termStart, body.termEnd, '组织');
  for (const m of body.members) {
    checkTerm(m.termStart, m.termEnd, `成员“${m.name}”`);
    if (m.termStart < body.termStart || m.termEnd > body.termEnd)
      throw new AppError('VALIDATION_FAILED', `成员“${m.name}”的任期超出了组织的届期。`);
    if (m.userId && !(await userInCounty(deps, m.userId, org.countyCode)))
      throw new AppError('VALIDATION_FAILED', `成员“${m.name}”关联的账号不存在。`);
  }
  if (body.members.filter((m) => m.position === 'chair').length > 1)
    throw new AppError('VALIDATION_FAILED', '一个组织只能有一位主持人。');
  const now = deps.clock.now();
  const id = randomUUID();
  await write(deps, ctx, async ({ tx, event }) => {
    await repo.insertBody(tx, {
      countyCode: org.countyCode,
      id,
      orgId: org.id,
      orgPath: org.path,
      kind: body.kind,
      name: body.name,
      termStart: body.termStart,
      termEnd: body.termEnd,
      createdBy: actor.userId,
      createdAt: now,
    });
    await repo.insertMembers(
      tx,
      body.members.map((m) => ({
        countyCode: org.countyCode,
        id: randomUUID(),
        bodyId: id,
        name: m.name,
        phone: m.phone ?? null,
        userId: m.userId ?? null,
        position: m.position,
        seatedBy: m.seatedBy,
        termStart: m.termStart,
        termEnd: m.termEnd,
        createdAt: now,
      })),
    );
    await event({
      countyCode: org.countyCode,
      action: 'deliberation.body_created',
      objectType: 'deliberation_body',
      objectId: id,
      // Member names stay out of the log (masked data only, convention 5): counts and seats suffice.
      after: {
        orgId: org.id,
        kind: body.kind,
        name: body.name,
        term: [body.termStart, body.termEnd],
        seats: body.members.map((m) => ({ position: m.position, seatedBy: m.seatedBy })),
      },
    });
  });
  return getBody(deps, ctx, id);
}

export async function listBodies(
  deps: Deps,
  ctx: RequestCtx,
  q: { orgId?: string | undefined; kind?: string | undefined },
): Promise<BodySummary[]> {
  const v = await viewerOf(deps, ctx);
  const staff = isDeliberationStaff(v.actor);
  let orgPath: string | undefined;
  if (q.orgId) {
    const org = await getOrgRow(deps, q.orgId);
    if (!org || org.countyCode !== v.actor.countyCode) throw new AppError('NOT_FOUND');
    orgPath = org.path;
  }
  const rows = await repo.listBodies(deps.database.db, {
    countyCode: v.actor.countyCode,
    path: staff ? v.actor.orgPath : null,
    memberOf: v.seats,
    ...(orgPath ? { orgPath } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
  });
  const members = await repo.membersOf(
    deps.database.db,
    v.actor.countyCode,
    rows.map((r) => r.id),
  );
  const orgs = await orgRowsByIds(
    deps,
    rows.map((r) => r.orgId),
  );
  return rows.map((b) =>
    toBodySummary(b, orgs.get(b.orgId)?.name ?? '', members.filter((m) => m.bodyId === b.id).length),
  );
}

export async function bodyFor(deps: Deps, v: Viewer, id: string) {
  return assertSee(v, await repo.bodyById(deps.database.db, v.actor.countyCode, id));
}

export async function getBody(deps: Deps, ctx: RequestCtx, id: string): Promise<BodyDetail> {
  const v = await viewerOf(deps, ctx);
  const b = await bodyFor(deps, v, id);
  return bodyDetail(deps, v.actor, b);
}

export async function bodyDetail(deps: Deps, actor: Actor, b: repo.BodyRow): Promise<BodyDetail> {
  const members = await repo.membersOf(deps.database.db, b.countyCode, [b.id]);
  const org = await getOrgRow(deps, b.orgId);
  const staff = isDeliberationStaff(actor);
  return {
    ...toBodySummary(b, org?.name ?? '', members.length),
    members: members.map((m) => toMemberView(m, staff)),
    mayManage: canManageBody(actor, b),
  };
}
