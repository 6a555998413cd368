/** The real county as the generator needs it: the district, its towns of different sizes, villages and grids. */
import { and, eq } from 'drizzle-orm';
import type { OrgRef } from '../../../../../core/domain/matters/model';
import type { Level, OrgKind } from '../../../../../core/domain/orgs';
import type { Db } from '../../../db/client';
import { grids, orgs } from '../../../db/schema';
import type { Rng } from './distributions';
import type { GenCounty, GenOrg, GenTown } from './synthesize';

export async function loadCounty(db: Db, countyCode: string, r: Rng): Promise<GenCounty> {
  const rows = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.countyCode, countyCode), eq(orgs.active, true)));
  const gen = (o: (typeof rows)[number], extra: Partial<OrgRef> = {}): GenOrg => ({
    ref: { id: o.id, path: o.path, level: o.level as Level, kind: o.kind as OrgKind, ...extra },
    name: o.name,
  });
  const district = rows.find((o) => o.kind === 'district');
  if (!district) throw new Error(`县（区）${countyCode} 没有区级组织：先导入行政区划。`);
  const bureau = rows.find(
    (o) => o.kind === 'department' && o.level === 'district' && o.name.includes('信访'),
  );
  const gridRows = await db
    .select({ id: grids.id, villageId: grids.villageId })
    .from(grids)
    .where(eq(grids.countyCode, countyCode));
  const gridsOf = new Map<string, string[]>();
  for (const g of gridRows) gridsOf.set(g.villageId, [...(gridsOf.get(g.villageId) ?? []), g.id]);
  const towns: GenTown[] = rows
    .filter((o) => o.kind === 'town')
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((t) => {
      const villages = rows
        .filter((v) => v.kind === 'village' && v.parentId === t.id)
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((v) => ({ ...gen(v), gridIds: gridsOf.get(v.id) ?? [] }));
      // Towns differ in size: more villages, and a seeded spread for the town seats and suburbs.
      return { ...gen(t), villages, weight: villages.length * (0.5 + 1.5 * r.next()) };
    })
    .filter((t) => t.villages.length > 0);
  if (towns.length === 0) throw new Error(`县（区）${countyCode} 没有乡镇和村：先导入行政区划。`);
  return {
    countyCode,
    district: gen(district),
    petitionBureau: bureau ? gen(bureau, { petitionBureau: true }) : null,
    towns,
  };
}
