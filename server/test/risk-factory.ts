/** A risk warning addressed to an org, as the rules would have stored it (for the matrix and tests). */
import { randomUUID } from 'node:crypto';
import type { OrgRow } from '../src/modules/orgs/orgs.repo';
import * as riskRepo from '../src/modules/risk/risk.repo';
import type { TestApp } from './test-app';

export async function buildWarning(
  t: TestApp,
  org: OrgRow,
  matterIds: string[] = [],
): Promise<{ id: string }> {
  const id = randomUUID();
  const now = t.clock.now();
  await riskRepo.insertWarning(t.database.db, {
    countyCode: org.countyCode,
    id,
    rule: 'repeat',
    grade: 'orange',
    dedupKey: `test:${id}`,
    targetOrgId: org.id,
    targetPath: org.path,
    explanation: '同一反映人近90日反映事项5件，前期处理可能未化解，需包案回访。',
    matterIds,
    status: 'open',
    createdAt: now,
    lastSeenAt: now,
  });
  return { id };
}
