/**
 * Deliberative bodies and meetings for tests that need many of them in given states (the jurisdiction
 * matrix): written straight through the deliberation repo, as the services would leave them.
 */
import { randomUUID } from 'node:crypto';
import type { BodyKind } from '../../core/domain/deliberation/model';
import { inAppMessages } from '../src/db/schema';
import * as repo from '../src/modules/deliberation/deliberation.repo';
import type { OrgRow } from '../src/modules/orgs/orgs.repo';
import type { TestApp } from './test-app';

export interface BuiltBody {
  id: string;
  memberId: string;
}

/** A body attached to `org`, with one member (with a phone). */
export async function buildBody(t: TestApp, org: OrgRow, kind: BodyKind = 'council'): Promise<BuiltBody> {
  const id = randomUUID();
  const memberId = randomUUID();
  const now = t.clock.now();
  await repo.insertBody(t.database.db, {
    countyCode: org.countyCode,
    id,
    orgId: org.id,
    orgPath: org.path,
    kind,
    name: `${org.name}测试组织`,
    termStart: '2026-01-01',
    termEnd: '2028-12-31',
    createdAt: now,
  });
  await repo.insertMembers(t.database.db, [
    {
      countyCode: org.countyCode,
      id: memberId,
      bodyId: id,
      name: '测试成员',
      phone: '13600001111',
      position: 'member',
      seatedBy: 'elected',
      termStart: '2026-01-01',
      termEnd: '2028-12-31',
      createdAt: now,
    },
  ]);
  return { id, memberId };
}

export interface BuiltMeeting {
  id: string;
  itemId: string;
  memberId: string;
}

/**
 * A meeting of a new body of `org`, today, with one agenda item holding `matterIds`: `planned`;
 * `held` (the member present); or `decided` (held, its item decided by consensus, ready to publish).
 */
export async function buildMeeting(
  t: TestApp,
  org: OrgRow,
  state: 'planned' | 'held' | 'decided',
  matterIds: string[],
): Promise<BuiltMeeting> {
  const body = await buildBody(t, org);
  const id = randomUUID();
  const itemId = randomUUID();
  const now = t.clock.now();
  const held = state !== 'planned';
  await repo.insertMeeting(t.database.db, {
    countyCode: org.countyCode,
    id,
    bodyId: body.id,
    orgId: org.id,
    orgPath: org.path,
    topic: '矩阵测试会议',
    startsAt: now,
    place: '村委会会议室',
    status: held ? 'held' : 'planned',
    presentMemberIds: held ? [body.memberId] : [],
    countedInRoom: held ? 4 : 0,
    minutes: held ? '会议记录：与会成员一致同意。' : null,
    heldAt: held ? now : null,
    createdAt: now,
  });
  await repo.insertItems(t.database.db, [
    {
      countyCode: org.countyCode,
      id: itemId,
      meetingId: id,
      seq: 1,
      title: '矩阵议程',
      matterIds,
      ...(state === 'decided'
        ? { method: 'consensus', outcome: 'adopted', reasoning: '一致同意按方案办理', decidedAt: now }
        : {}),
    },
  ]);
  return { id, itemId, memberId: body.memberId };
}

/** An open service assignment of `body` (a service team of `org`) on a fresh random matter id. */
export async function buildServiceAssignment(t: TestApp, org: OrgRow, body: BuiltBody): Promise<string> {
  const id = randomUUID();
  await repo.insertContribution(t.database.db, {
    countyCode: org.countyCode,
    id,
    bodyId: body.id,
    matterId: randomUUID(),
    kind: 'service',
    memberId: body.memberId,
    text: '代购药品并送到家',
    status: 'assigned',
    createdAt: t.clock.now(),
  });
  return id;
}

/** An unread in-app message for the account. */
export async function buildInAppMessage(t: TestApp, userId: string): Promise<string> {
  const id = randomUUID();
  await t.database.db.insert(inAppMessages).values({
    countyCode: '620602',
    id,
    outboxId: randomUUID(),
    userId,
    title: '会议通知',
    body: '【综治】测试消息',
    createdAt: t.clock.now(),
  });
  return id;
}
