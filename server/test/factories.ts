/**
 * Test factories (docs/CONVENTIONS.md 9): build rows straight through the repos, so a test
 * states only what matters to it.
 */
import { randomUUID } from 'node:crypto';
import type { OrgKind } from '../../core/domain/orgs';
import type { Role } from '../../core/domain/roles';
import type { RequestCtx } from '../src/context';
import { hashPassword } from '../src/modules/auth/passwords';
import { importCounty } from '../src/modules/counties/county-import.service';
import { importGrids } from '../src/modules/grids/grid-import.service';
import * as orgsRepo from '../src/modules/orgs/orgs.repo';
import * as usersRepo from '../src/modules/users/users.repo';
import { piiCipher } from '../src/pii/pii-cipher';
import { DEMO_PASSWORD, type TestApp } from './test-app';

let passwordHash: Promise<string> | undefined;
let seq = 0;

export const testCtx = (): RequestCtx => ({
  requestId: `test-${randomUUID()}`,
  ip: '127.0.0.1',
  actor: null,
});

export async function orgByDivision(t: TestApp, code: string): Promise<orgsRepo.OrgRow> {
  const o = await orgsRepo.byDivisionCode(t.database.db, code);
  if (!o) throw new Error(`no org ${code}`);
  return o;
}

export async function orgByName(t: TestApp, name: string): Promise<orgsRepo.OrgRow> {
  const [o] = await orgsRepo.search(t.database.db, { countyCode: '620602', path: '/', q: name, limit: 1 });
  if (!o) throw new Error(`no org named ${name}`);
  return o;
}

export async function buildOrg(
  t: TestApp,
  parent: orgsRepo.OrgRow,
  opts: { kind?: OrgKind; name?: string } = {},
): Promise<orgsRepo.OrgRow> {
  const id = randomUUID();
  const now = t.clock.now();
  await orgsRepo.insert(t.database.db, {
    id,
    countyCode: parent.countyCode,
    parentId: parent.id,
    path: `${parent.path}${id}/`,
    kind: opts.kind ?? 'unit',
    level: parent.level,
    name: opts.name ?? `测试单位${++seq}`,
    createdAt: now,
    updatedAt: now,
  });
  return (await orgsRepo.byId(t.database.db, id))!;
}

export async function buildUser(
  t: TestApp,
  org: orgsRepo.OrgRow,
  roles: Role[],
  opts: { username?: string; disabled?: boolean; phone?: string; kind?: 'staff' | 'resident' } = {},
): Promise<{ id: string; username: string }> {
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const id = randomUUID();
  const now = t.clock.now();
  const username = opts.username ?? `u${++seq}-${id.slice(0, 6)}`;
  await usersRepo.insert(t.database.db, {
    id,
    countyCode: org.countyCode,
    username,
    displayName: `测试用户${seq}`,
    // Stored sealed, as users.service.ts writes it (docs/SECURITY.md G31).
    phone: piiCipher(t.deps.config).seal('phone', opts.phone ?? null),
    orgId: opts.kind === 'resident' ? null : org.id,
    kind: opts.kind ?? 'staff',
    passwordHash: await passwordHash,
    disabled: opts.disabled ?? false,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await usersRepo.insertRoles(
    t.database.db,
    roles.map((role) => ({ userId: id, role, countyCode: org.countyCode, grantedAt: now, grantedBy: null })),
  );
  return { id, username };
}

const square = (x: number, y: number, s: number) => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];

/**
 * A second, tiny county (code 629901, far from Liangzhou): one town with two villages, each
 * village one square grid. For "other county" cells of the jurisdiction tests.
 */
export async function buildOtherCounty(t: TestApp) {
  const code = '629901';
  await importCounty(
    t.deps,
    testCtx(),
    {
      code,
      name: '测试县',
      cityName: null,
      provinceName: null,
      source: 'test factory',
      towns: [
        {
          code: `${code}001`,
          name: '测试镇',
          kind: 'town',
          villages: [
            { code: `${code}001001`, name: '甲村村委会', kind: 'village' },
            { code: `${code}001002`, name: '乙村村委会', kind: 'village' },
          ],
        },
      ],
    },
    { boundary: { type: 'Polygon', coordinates: square(110, 30, 0.2) }, center: [110.1, 30.1] },
  );
  await importGrids(t.deps, testCtx(), code, {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: `${code}001001001`, villageCode: `${code}001001`, name: '甲村第1网格' },
        geometry: {
          type: 'Polygon',
          coordinates: square(110, 30, 0.1).map((r) => r.map(([x, y]) => [x, y])),
        },
      },
      {
        type: 'Feature',
        properties: { code: `${code}001001002`, villageCode: `${code}001001`, name: '甲村第2网格' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [110.1, 30],
              [110.2, 30],
              [110.2, 30.1],
              [110.1, 30.1],
              [110.1, 30],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { code: `${code}001002001`, villageCode: `${code}001002`, name: '乙村第1网格' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [110, 30.1],
              [110.2, 30.1],
              [110.2, 30.2],
              [110, 30.2],
              [110, 30.1],
            ],
          ],
        },
      },
    ],
  });
  return {
    code,
    district: await orgByDivision(t, code),
    town: await orgByDivision(t, `${code}001`),
    village: await orgByDivision(t, `${code}001001`),
  };
}
