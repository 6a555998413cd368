/**
 * The demo install: the real Liangzhou District (division codes and outline), synthetic
 * departments and mediation organisations under it, the generated grids, and demo accounts for
 * every role. Runs once, on the first start of a demo install, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { CountyDivisions } from '../../../../core/domain/divisions';
import { type OrgKind, shortOrgName } from '../../../../core/domain/orgs';
import type { Role } from '../../../../core/domain/roles';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { hashPassword } from '../auth/passwords';
import { importCounty } from '../counties/county-import.service';
import { importGrids } from '../grids/grid-import.service';
import { assignVillageWorkers } from '../grids/grids.service';
import { seedMediatorProfiles } from '../mediation/mediators.service';
import { insertOrgRows, type NewOrg } from '../orgs/orgs.service';
import { insertSeedUsers } from '../users/users.service';
import {
  counsellingCenter,
  districtDepartments,
  industryCommittees,
  legalAidCenter,
  mediationRooms,
  socialOrgs,
  townUnits,
  tribunalEvery,
} from './demo-orgs';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  org: string;
}

export interface DemoInput {
  divisions: CountyDivisions;
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
  center: [number, number] | null;
  grids: unknown;
}

export interface DemoOutcome {
  countyCode: string;
  orgs: number;
  grids: number;
  accounts: DemoAccount[];
}

export async function seedDemo(deps: Deps, input: DemoInput): Promise<DemoOutcome> {
  const ctx: RequestCtx = { requestId: `seed-${randomUUID()}`, ip: null, actor: null };
  // All demo accounts share the demo password, so one hash serves them all; production accounts
  // each get their own salt through the user service.
  const passwordHash = await hashPassword(deps.config.demoPassword);
  const outcome = await deps.database.transaction(async (tx) => {
    const county = await importCounty(
      deps,
      ctx,
      input.divisions,
      { boundary: input.boundary, center: input.center },
      tx,
    );
    const extra = await seedOrgs(deps, tx, county.countyCode, county.orgIdByDivision, input.divisions);
    const grids = await importGrids(deps, ctx, county.countyCode, input.grids, { generated: true, tx });
    const accounts = await seedAccounts(
      deps,
      tx,
      county.countyCode,
      county.orgIdByDivision,
      extra,
      input.divisions,
      passwordHash,
    );
    // The demo mediators' roster entries, so that parties can choose by what a mediator handles.
    await seedMediatorProfiles(
      tx,
      county.countyCode,
      [
        {
          username: 'mediator',
          specialties: ['劳动争议', '道路交通事故', '合同'],
          courtRosters: ['凉州区人民法院'],
        },
        { username: 'village-mediator', specialties: ['邻里', '婚姻家庭', '房屋宅基地'], courtRosters: [] },
      ],
      deps.clock.now(),
    );
    const orgCount = 1 + input.divisions.towns.length + county.villages + extra.count;
    return { countyCode: county.countyCode, orgs: orgCount, grids: grids.imported, accounts };
  });
  deps.kickSealer();
  return outcome;
}

interface Extra {
  count: number;
  byName: Map<string, string>;
}

async function seedOrgs(
  deps: Deps,
  tx: Tx,
  countyCode: string,
  ids: Map<string, string>,
  d: CountyDivisions,
): Promise<Extra> {
  const now = deps.clock.now();
  const rows: NewOrg[] = [];
  const byName = new Map<string, string>();
  const districtId = ids.get(d.code)!;
  const districtPath = `/${districtId}/`;
  const add = (parentId: string, parentPath: string, level: string, kind: OrgKind, name: string) => {
    const id = randomUUID();
    rows.push({
      id,
      countyCode,
      parentId,
      path: `${parentPath}${id}/`,
      kind,
      level,
      name,
      divisionCode: null,
      centerName: null,
      synthetic: true,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    byName.set(name, id);
    return id;
  };
  const short = d.name;
  for (const dept of districtDepartments)
    add(districtId, districtPath, 'district', 'department', `${short}${dept}`);
  const justice = byName.get(`${short}${legalAidCenter.parent}`)!;
  const justicePath = rows.find((r) => r.id === justice)!.path;
  add(justice, justicePath, 'district', 'service_center', `${short}${legalAidCenter.name}`);
  add(districtId, districtPath, 'district', 'service_center', `${short}${counsellingCenter}`);
  add(districtId, districtPath, 'district', 'mediation_committee', `${short}人民调解委员会`);
  for (const c of industryCommittees)
    add(districtId, districtPath, 'district', 'mediation_committee', `${short}${c}`);
  for (const room of mediationRooms) add(districtId, districtPath, 'district', 'mediation_room', room);
  d.towns.forEach((t, i) => {
    const tid = ids.get(t.code)!;
    const tpath = `${districtPath}${tid}/`;
    for (const u of townUnits) add(tid, tpath, 'town', 'unit', `${t.name}${u}`);
    if (i % tribunalEvery === 0) add(tid, tpath, 'town', 'unit', `${t.name}人民法庭`);
    add(tid, tpath, 'town', 'mediation_committee', `${t.name}人民调解委员会`);
    for (const v of t.villages) {
      const vid = ids.get(v.code)!;
      add(vid, `${tpath}${vid}/`, 'village', 'mediation_committee', `${shortOrgName(v.name)}人民调解委员会`);
    }
    if (i === 0 || t.kind === 'town') {
      const first = t.villages[0];
      if (first) {
        const vid = ids.get(first.code)!;
        for (const s of socialOrgs)
          add(vid, `${tpath}${vid}/`, 'village', 'social_org', `${shortOrgName(first.name)}${s}`);
      }
    }
  });
  await insertOrgRows(tx, rows);
  return { count: rows.length, byName };
}

async function seedAccounts(
  deps: Deps,
  tx: Tx,
  countyCode: string,
  ids: Map<string, string>,
  extra: Extra,
  d: CountyDivisions,
  passwordHash: string,
): Promise<DemoAccount[]> {
  const now = deps.clock.now();
  const accounts: (DemoAccount & { orgId: string; id: string })[] = [];
  const orgName = new Map<string, string>();
  orgName.set(ids.get(d.code)!, d.name);
  for (const t of d.towns) {
    orgName.set(ids.get(t.code)!, t.name);
    for (const v of t.villages) orgName.set(ids.get(v.code)!, shortOrgName(v.name));
  }
  for (const [n, id] of extra.byName) orgName.set(id, n);
  const add = (username: string, role: Role, displayName: string, orgId: string) => {
    accounts.push({ id: randomUUID(), username, role, displayName, orgId, org: orgName.get(orgId) ?? '' });
  };
  const district = ids.get(d.code)!;
  add('admin', 'admin', '区业务管理员（演示）', district);
  add('sysadmin', 'sys_admin', '区系统管理员（演示）', district);
  add('secadmin', 'sec_admin', '区安全管理员（演示）', district);
  add('auditor', 'audit_admin', '区审计管理员（演示）', district);
  add('leader', 'leader', '区综治中心主任（演示）', district);
  // 市/省级领导 (dashboard.region only): the demo install has one county, so its 全市总览 lists one until
  // more are imported (npm run import:county).
  add('city-leader', 'regional_leader', '市综治中心领导（演示）', district);
  add('clerk', 'clerk', '区综治中心受理员（演示）', district);
  add('handler', 'handler', '区综治中心承办人（演示）', district);
  add('liaison', 'dept_liaison', '信访局联络员（演示）', extra.byName.get(`${d.name}信访局`)!);
  add('mediator', 'mediator', '区调委会调解员（演示）', extra.byName.get(`${d.name}人民调解委员会`)!);
  add(
    'legalaid',
    'clerk',
    '法律援助中心工作人员（演示）',
    extra.byName.get(`${d.name}${legalAidCenter.name}`)!,
  );
  add('counsellor', 'handler', '心理咨询师（演示）', extra.byName.get(`${d.name}${counsellingCenter}`)!);
  const gridAssignments: { gridVillage: string; userId: string }[] = [];
  d.towns.forEach((t, i) => {
    const tid = ids.get(t.code)!;
    const n = String(i + 1).padStart(2, '0');
    add(`town${n}-leader`, 'leader', `${t.name}综治中心主任（演示）`, tid);
    add(`town${n}-clerk`, 'clerk', `${t.name}受理员（演示）`, tid);
    // A few grid workers per town (not all 1,400): one each for the first two villages.
    t.villages.slice(0, 2).forEach((v, k) => {
      const vid = ids.get(v.code)!;
      const username = `town${n}-gw${k + 1}`;
      add(username, 'grid_worker', `${shortOrgName(v.name)}网格员（演示）`, vid);
      gridAssignments.push({ gridVillage: vid, userId: accounts.at(-1)!.id });
    });
    if (i === 0) {
      // 警调 (issue 17): a police officer of the first town's 派出所 hands disputes met on calls to mediation.
      add('police', 'clerk', `${t.name}派出所民警（演示）`, extra.byName.get(`${t.name}派出所`)!);
      const v = t.villages[0];
      if (v) {
        add('village-clerk', 'clerk', `${shortOrgName(v.name)}受理员（演示）`, ids.get(v.code)!);
        add(
          'village-mediator',
          'mediator',
          `${shortOrgName(v.name)}调解员（演示）`,
          extra.byName.get(`${shortOrgName(v.name)}人民调解委员会`)!,
        );
        // The committee's head applies its seal to the agreements its mediators reach (人民调解法 art. 29).
        add(
          'village-committee',
          'leader',
          `${shortOrgName(v.name)}人民调解委员会主任（演示）`,
          extra.byName.get(`${shortOrgName(v.name)}人民调解委员会`)!,
        );
      }
    }
  });
  const resident = randomUUID();
  const base = {
    countyCode,
    phone: null,
    passwordHash,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  await insertSeedUsers(
    tx,
    [
      ...accounts.map((a) => ({
        ...base,
        id: a.id,
        username: a.username,
        displayName: a.displayName,
        orgId: a.orgId,
        kind: 'staff',
      })),
      {
        ...base,
        id: resident,
        username: 'resident',
        displayName: '群众（演示）',
        orgId: null,
        kind: 'resident',
      },
    ],
    [
      ...accounts.map((a) => ({ userId: a.id, role: a.role, countyCode, grantedAt: now, grantedBy: null })),
      { userId: resident, role: 'resident', countyCode, grantedAt: now, grantedBy: null },
    ],
  );
  // Each demo grid worker looks after the grids of their village.
  await assignVillageWorkers(
    tx,
    countyCode,
    `/${ids.get(d.code)}/`,
    gridAssignments.map((a) => ({ villageId: a.gridVillage, userId: a.userId })),
    now,
  );
  return [
    ...accounts.map(({ username, role, displayName, org }) => ({ username, role, displayName, org })),
    { username: 'resident', role: 'resident', displayName: '群众（演示）', org: '' },
  ];
}
