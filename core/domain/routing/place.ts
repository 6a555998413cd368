/**
 * From a routed level to the territorial org that receives the matter (属地管理): village → the matter's
 * village, town → its town, district → the district root. At district level a department hint is handed
 * back for the server to resolve among the district's departments; below the district the territorial
 * org receives the matter and the hint (e.g. '派出所') only suggests one of its units.
 *
 * Pure, over plain ids. Org paths are '/<id>/…/' from the county root down (jurisdiction.ts), and
 * villages hang directly under towns (orgs.ts allowedChildKinds), so a missing town id is the parent in
 * the village's path. When the matter has no village (or no town), the next level up receives it and the
 * result says so: a matter must never be left without an owner (首问负责).
 */
import { pathIds } from '../jurisdiction';
import type { Level } from '../orgs';

export interface MatterPlace {
  districtId: string;
  townId?: string | null;
  townPath?: string | null;
  villageId?: string | null;
  villagePath?: string | null;
}

export type PlaceTarget =
  | {
      kind: 'org';
      orgId: string;
      level: Level;
      /** Set when the routed level had no org in the matter's place and the level above took it. */
      fellBackFrom?: Level;
      /** The rule's department hint, for picking a unit under this org. */
      unitHint?: string;
      note?: string;
    }
  | {
      kind: 'department';
      /** The district whose departments the server searches. */
      districtId: string;
      department: string;
    };

function lastId(path: string | null | undefined): string | undefined {
  const ids = path ? pathIds(path) : [];
  return ids[ids.length - 1];
}

function parentId(path: string | null | undefined): string | undefined {
  const ids = path ? pathIds(path) : [];
  return ids.length >= 2 ? ids[ids.length - 2] : undefined;
}

function villageOf(place: MatterPlace): string | undefined {
  return place.villageId || lastId(place.villagePath);
}

function townOf(place: MatterPlace): string | undefined {
  return place.townId || lastId(place.townPath) || parentId(place.villagePath);
}

const levelNames: Record<Level, string> = { village: '村（社区）', town: '镇（街道）', district: '区' };

export function targetForLevel(level: Level, place: MatterPlace, departmentHint?: string): PlaceTarget {
  const hint = departmentHint?.trim() || undefined;
  if (level === 'district') {
    return hint
      ? { kind: 'department', districtId: place.districtId, department: hint }
      : { kind: 'org', orgId: place.districtId, level: 'district' };
  }
  const withHint = hint ? { unitHint: hint } : {};
  if (level === 'village') {
    const village = villageOf(place);
    if (village) return { kind: 'org', orgId: village, level: 'village', ...withHint };
  }
  const town = townOf(place);
  if (town) {
    return level === 'town'
      ? { kind: 'org', orgId: town, level: 'town', ...withHint }
      : {
          kind: 'org',
          orgId: town,
          level: 'town',
          fellBackFrom: level,
          ...withHint,
          note: `事项未定位到${levelNames[level]}，由所在镇（街道）接收。`,
        };
  }
  return {
    kind: 'org',
    orgId: place.districtId,
    level: 'district',
    fellBackFrom: level,
    note: `事项未定位到${levelNames[level]}，由区综治中心接收。`,
  };
}
