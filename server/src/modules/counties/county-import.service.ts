/**
 * Imports a county's territorial organisations (district → towns/streets → villages/communities)
 * from the national division codes, in one transaction: either the whole county arrives or nothing.
 * Each territorial org gets its 综治中心.
 */
import { randomUUID } from 'node:crypto';
import type { CountyDivisions } from '../../../../core/domain/divisions';
import { centerNameOf } from '../../../../core/domain/orgs';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { recordEvent } from '../events/events.service';
import { insertOrgRows, type NewOrg } from '../orgs/orgs.service';
import * as repo from './counties.repo';

export interface ImportedCounty {
  countyCode: string;
  districtOrgId: string;
  towns: number;
  villages: number;
  orgIdByDivision: Map<string, string>;
}

export interface CountyExtras {
  boundary?: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
  center?: [number, number] | null;
}

export async function importCounty(
  deps: Deps,
  ctx: RequestCtx,
  d: CountyDivisions,
  extras: CountyExtras = {},
  /** Run inside a caller's transaction (the demo seed) instead of a new one. */
  outer?: Tx,
): Promise<ImportedCounty> {
  const run = async (tx: Tx): Promise<ImportedCounty> => {
    if (await repo.byCode(tx, d.code)) {
      throw new AppError('ALREADY_EXISTS', `县（区）${d.name}（${d.code}）已导入。`);
    }
    const seen = new Set<string>();
    for (const t of d.towns) {
      if (!t.code.startsWith(d.code))
        throw new AppError('IMPORT_REJECTED', `乡镇 ${t.name}（${t.code}）不属于 ${d.code}。`);
      for (const v of t.villages) {
        if (!v.code.startsWith(t.code))
          throw new AppError('IMPORT_REJECTED', `村（社区）${v.name}（${v.code}）不属于 ${t.code}。`);
        if (seen.has(v.code)) throw new AppError('IMPORT_REJECTED', `村（社区）代码重复：${v.code}。`);
        seen.add(v.code);
      }
    }
    const now = deps.clock.now();
    await repo.insert(tx, {
      code: d.code,
      name: d.name,
      cityName: d.cityName,
      provinceName: d.provinceName,
      center: extras.center ?? null,
      boundary: extras.boundary ?? null,
      source: d.source,
      createdAt: now,
    });
    const ids = new Map<string, string>();
    const rows: NewOrg[] = [];
    const districtId = randomUUID();
    const districtPath = `/${districtId}/`;
    ids.set(d.code, districtId);
    const base = { countyCode: d.code, synthetic: false, active: true, createdAt: now, updatedAt: now };
    rows.push({
      ...base,
      id: districtId,
      parentId: null,
      path: districtPath,
      kind: 'district',
      level: 'district',
      name: d.name,
      divisionCode: d.code,
      centerName: centerNameOf(d.name),
    });
    for (const t of d.towns) {
      const tid = randomUUID();
      ids.set(t.code, tid);
      const tpath = `${districtPath}${tid}/`;
      rows.push({
        ...base,
        id: tid,
        parentId: districtId,
        path: tpath,
        kind: 'town',
        level: 'town',
        name: t.name,
        divisionCode: t.code,
        centerName: centerNameOf(t.name),
      });
      for (const v of t.villages) {
        const vid = randomUUID();
        ids.set(v.code, vid);
        rows.push({
          ...base,
          id: vid,
          parentId: tid,
          path: `${tpath}${vid}/`,
          kind: 'village',
          level: 'village',
          name: v.name,
          divisionCode: v.code,
          centerName: centerNameOf(v.name),
        });
      }
    }
    await insertOrgRows(tx, rows);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: d.code,
      action: 'county.imported',
      objectType: 'county',
      objectId: d.code,
      after: { name: d.name, towns: d.towns.length, villages: seen.size, source: d.source },
    });
    return {
      countyCode: d.code,
      districtOrgId: districtId,
      towns: d.towns.length,
      villages: seen.size,
      orgIdByDivision: ids,
    };
  };
  const result = outer ? await run(outer) : await deps.database.transaction(run);
  deps.kickSealer();
  return result;
}
