/** 联防 rosters, shifts and 平安建设 statements placed at an org, as the services would store them (matrix and tests). */
import { randomUUID } from 'node:crypto';
import { chinaDateOf } from '../../core/domain/dispatch/model';
import type { OrgRow } from '../src/modules/orgs/orgs.repo';
import * as repo from '../src/modules/safety/safety.repo';
import type { TestApp } from './test-app';

/** A week's roster made by `org`, with one shift of `org` itself that started an hour ago. */
export async function buildRoster(t: TestApp, org: OrgRow): Promise<{ id: string; shiftId: string }> {
  const id = randomUUID();
  const shiftId = randomUUID();
  const now = t.clock.now();
  const day = chinaDateOf(now);
  await repo.insertRoster(
    t.database.db,
    {
      countyCode: org.countyCode,
      id,
      orgId: org.id,
      orgPath: org.path,
      title: '矩阵测试联防排班',
      period: 'week',
      startDate: day,
      endDate: day,
      jointTaskId: null,
      createdBy: randomUUID(),
      createdAt: now,
    },
    [
      {
        countyCode: org.countyCode,
        id: shiftId,
        rosterId: id,
        rosterOrgId: org.id,
        rosterPath: org.path,
        seq: 1,
        shiftDate: day,
        startsAt: new Date(now.getTime() - 3_600_000),
        endsAt: new Date(now.getTime() + 3_600_000),
        villageIds: [],
        route: '矩阵测试路线',
        unitOrgId: org.id,
        unitPath: org.path,
        members: [],
        status: 'scheduled',
        note: null,
        reportedBy: null,
        reportedAt: null,
        overdueAt: null,
        createdAt: now,
      },
    ],
  );
  return { id, shiftId };
}

/** A town's statement on an attested target of `org` (as if a village), awaiting the district's review. */
export async function buildAttestation(t: TestApp, org: OrgRow): Promise<{ id: string }> {
  const id = randomUUID();
  await repo.insertAttestation(t.database.db, {
    countyCode: org.countyCode,
    id,
    villageId: org.id,
    villagePath: org.path,
    year: Number(chinaDateOf(t.clock.now()).slice(0, 4)),
    // Each statement its own target code: the matrix places many on one org.
    targetCode: `matrix_${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 12)}`,
    state: 'attested',
    evidence: '矩阵测试佐证',
    attestedBy: randomUUID(),
    attestedAt: t.clock.now(),
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
  });
  return { id };
}
