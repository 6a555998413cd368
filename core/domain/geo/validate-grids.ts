/**
 * Checks an imported grid (网格) GeoJSON FeatureCollection before it replaces a county's grids: every
 * point of the county must belong to exactly one grid and every grid to a known village. All problems are
 * reported in one pass, each naming the feature, so a clerk can fix the file in one go.
 */
import Flatbush from 'flatbush';
import { areaOutside, intersect } from './clipping';
import {
  approxKm2,
  type Bbox,
  type GridGeometry,
  geometryArea,
  geometryBbox,
  multiPolygonArea,
  pointInGeometry,
  polygonsOf,
} from './geometry';
import { checkGridGeometry } from './geometry-checks';

export type GridProblemCode =
  | 'GRID_NOT_FEATURE_COLLECTION'
  | 'GRID_NO_FEATURES'
  | 'GRID_NOT_FEATURE'
  | 'GRID_INVALID_GEOMETRY'
  | 'GRID_SELF_INTERSECTION'
  | 'GRID_OVERLAP'
  | 'GRID_OUTSIDE_COUNTY'
  | 'GRID_MISSING_VILLAGE'
  | 'GRID_UNKNOWN_VILLAGE'
  | 'GRID_MISSING_CODE'
  | 'GRID_DUPLICATE_CODE'
  /** A warning only: part of the county is in no grid. */
  | 'GRID_GAP';

export interface Problem {
  /** 0-based index into `features`; -1 for the collection as a whole. Messages count from 1, as people do. */
  feature: number;
  code: GridProblemCode;
  message: string;
  /** The other feature involved (an overlap, a duplicate code). */
  other?: number;
}

export interface ValidGrid {
  /** 0-based index of the feature in the imported file. */
  index: number;
  code: string;
  name?: string;
  villageCode: string;
  geometry: GridGeometry;
}

export interface GridImportContext {
  /** The county outline. */
  outline: GridGeometry;
  /** The county's village (村/社区) division codes. */
  villages: ReadonlySet<string> | ReadonlyMap<string, unknown>;
  /** Overlaps, parts outside and gaps smaller than this share of the county's area are ignored. */
  areaTolerance?: number;
}

export type GridImportResult =
  | { ok: true; grids: ValidGrid[]; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

/**
 * 1e-8 of a county of 5,000 km² is 50 m², a building plot: far above floating-point noise, below what
 * could put a household in the wrong grid; GridIndex still resolves such slivers to one grid.
 */
export const DEFAULT_AREA_TOLERANCE = 1e-8;

interface Candidate {
  index: number;
  code: string | null;
  name?: string;
  villageCode: string | null;
  geometry: GridGeometry | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Areas in messages: km² with two decimals, or m² when smaller than 0.01 km². */
export function formatArea(km2: number): string {
  if (km2 >= 0.01) return `${km2.toFixed(2)} 平方公里`;
  const m2 = km2 * 1e6;
  return m2 < 1 ? '不到 1 平方米' : `${Math.round(m2)} 平方米`;
}

function describe(c: { index: number; code: string | null }): string {
  return c.code ? `第 ${c.index + 1} 个要素（网格 ${c.code}）` : `第 ${c.index + 1} 个要素`;
}

export function validateGridImport(input: unknown, ctx: GridImportContext): GridImportResult {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    const found = isObject(input)
      ? `type 为 ${String(input.type)}`
      : Array.isArray(input)
        ? '数组'
        : typeof input;
    const message = `导入的文件不是 GeoJSON 要素集合（FeatureCollection，且 features 为数组），而是${found}`;
    return { ok: false, problems: [{ feature: -1, code: 'GRID_NOT_FEATURE_COLLECTION', message }] };
  }
  const features: unknown[] = input.features;
  if (features.length === 0) {
    return {
      ok: false,
      problems: [{ feature: -1, code: 'GRID_NO_FEATURES', message: '要素集合中没有任何网格要素' }],
    };
  }

  const problems: Problem[] = [];
  const candidates = features.map((feature, index) => readFeature(feature, index, ctx, problems));
  const firstWithCode = new Map<string, number>();
  for (const c of candidates) {
    if (!c?.code) continue;
    const first = firstWithCode.get(c.code);
    if (first === undefined) {
      firstWithCode.set(c.code, c.index);
      continue;
    }
    problems.push({
      feature: c.index,
      code: 'GRID_DUPLICATE_CODE',
      other: first,
      message: `第 ${c.index + 1} 个要素的网格编码 ${c.code} 与第 ${first + 1} 个要素重复`,
    });
  }

  const shaped = candidates.filter((c): c is Candidate & { geometry: GridGeometry } => !!c?.geometry);
  const outlineArea = geometryArea(ctx.outline);
  const tolerance = (ctx.areaTolerance ?? DEFAULT_AREA_TOLERANCE) * outlineArea;
  findOverlaps(shaped, tolerance, problems);
  const covered = measureInside(shaped, ctx.outline, tolerance, problems);

  if (problems.length > 0) {
    problems.sort((a, b) => a.feature - b.feature);
    return { ok: false, problems };
  }
  const warnings: Problem[] = [];
  const uncovered = outlineArea - covered;
  if (uncovered > tolerance) {
    const lat = latitudeOf(geometryBbox(ctx.outline));
    const share = ((uncovered / outlineArea) * 100).toFixed(uncovered / outlineArea < 0.001 ? 4 : 2);
    warnings.push({
      feature: -1,
      code: 'GRID_GAP',
      message: `网格未覆盖全区：约 ${formatArea(approxKm2(uncovered, lat))}（占全区面积 ${share}%）不属于任何网格`,
    });
  }
  const grids = shaped.map(({ index, code, name, villageCode, geometry }) => ({
    index,
    code: code!,
    villageCode: villageCode!,
    geometry,
    ...(name === undefined ? {} : { name }),
  }));
  return { ok: true, grids, warnings };
}

function readFeature(feature: unknown, index: number, ctx: GridImportContext, problems: Problem[]) {
  if (!isObject(feature) || feature.type !== 'Feature') {
    const message = `第 ${index + 1} 个要素不是 GeoJSON 要素（Feature）`;
    problems.push({ feature: index, code: 'GRID_NOT_FEATURE', message });
    return null;
  }
  const props = isObject(feature.properties) ? feature.properties : {};
  const code = typeof props.code === 'string' && props.code.trim() !== '' ? props.code : null;
  const c: Candidate = { index, code, villageCode: null, geometry: null };
  if (typeof props.name === 'string') c.name = props.name;
  const label = describe(c);
  if (!code) {
    const absent = props.code === undefined || props.code === null;
    const message = absent
      ? `${label}缺少网格编码（properties.code）`
      : `${label}的网格编码不是非空字符串：${JSON.stringify(props.code)}`;
    problems.push({ feature: index, code: 'GRID_MISSING_CODE', message });
  }
  if (typeof props.villageCode !== 'string' || props.villageCode.trim() === '') {
    const message = `${label}缺少所属村（社区）的行政区划代码（properties.villageCode）`;
    problems.push({ feature: index, code: 'GRID_MISSING_VILLAGE', message });
  } else if (!ctx.villages.has(props.villageCode)) {
    const message = `${label}的所属村（社区）代码 ${props.villageCode} 不是本区的村（社区）`;
    problems.push({ feature: index, code: 'GRID_UNKNOWN_VILLAGE', message });
  } else {
    c.villageCode = props.villageCode;
  }
  const { geometry, issues } = checkGridGeometry(feature.geometry);
  for (const issue of issues)
    problems.push({ feature: index, code: issue.code, message: `${label}${issue.detail}` });
  c.geometry = geometry;
  return c;
}

function latitudeOf(bbox: Bbox): number {
  return (bbox[1] + bbox[3]) / 2;
}

/** Pairs whose boxes overlap with positive area, then the exact intersection area. */
function findOverlaps(
  shaped: (Candidate & { geometry: GridGeometry })[],
  tolerance: number,
  problems: Problem[],
) {
  if (shaped.length < 2) return;
  const boxes = shaped.map((c) => geometryBbox(c.geometry));
  const tree = new Flatbush(shaped.length);
  for (const [minX, minY, maxX, maxY] of boxes) tree.add(minX, minY, maxX, maxY);
  tree.finish();
  shaped.forEach((a, i) => {
    const box = boxes[i]!;
    const hits = tree.search(...box).sort((x, y) => x - y);
    for (const j of hits) {
      if (j <= i) continue;
      const other = boxes[j]!;
      // Boxes that only touch along a line cannot hold a shared area.
      if (Math.min(box[2], other[2]) <= Math.max(box[0], other[0])) continue;
      if (Math.min(box[3], other[3]) <= Math.max(box[1], other[1])) continue;
      const b = shaped[j]!;
      let area: number;
      try {
        area = multiPolygonArea(intersect(a.geometry, b.geometry));
      } catch {
        const message = `${describe(a)}与${describe(b)}的几何无法求交（坐标可能有异常），请检查两者的边界`;
        problems.push({ feature: a.index, code: 'GRID_INVALID_GEOMETRY', other: b.index, message });
        continue;
      }
      if (area <= tolerance) continue;
      const km2 = approxKm2(area, latitudeOf(box));
      problems.push({
        feature: a.index,
        code: 'GRID_OVERLAP',
        other: b.index,
        message: `${describe(a)}与${describe(b)}重叠，重叠面积约 ${formatArea(km2)}`,
      });
    }
  });
}

/**
 * Reports grids that reach outside the county and returns the area the grids cover inside it. Only
 * grids whose box meets an outline edge need a clip against the outline; any other grid is wholly
 * inside or wholly outside, which one vertex tells.
 */
function measureInside(
  shaped: (Candidate & { geometry: GridGeometry })[],
  outline: GridGeometry,
  tolerance: number,
  problems: Problem[],
): number {
  const edges: [number, number, number, number][] = [];
  for (const polygon of polygonsOf(outline)) {
    for (const ring of polygon) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k]!;
        const [bx, by] = ring[k + 1]!;
        edges.push([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]);
      }
    }
  }
  const tree = new Flatbush(Math.max(1, edges.length));
  for (const e of edges) tree.add(...e);
  if (edges.length === 0) tree.add(0, 0, 0, 0);
  tree.finish();

  let covered = 0;
  for (const c of shaped) {
    const box = geometryBbox(c.geometry);
    const area = geometryArea(c.geometry);
    let outside: number;
    if (tree.search(...box).length === 0) {
      const [x, y] = polygonsOf(c.geometry)[0]![0]![0]!;
      outside = pointInGeometry(outline, x, y) ? 0 : area;
    } else {
      try {
        outside = areaOutside(c.geometry, outline);
      } catch {
        const message = `${describe(c)}的几何无法与全区边界求差（坐标可能有异常），请检查其边界`;
        problems.push({ feature: c.index, code: 'GRID_INVALID_GEOMETRY', message });
        continue;
      }
    }
    covered += area - outside;
    if (outside > tolerance) {
      const km2 = approxKm2(outside, latitudeOf(box));
      const share = Math.min(100, (outside / area) * 100).toFixed(1);
      problems.push({
        feature: c.index,
        code: 'GRID_OUTSIDE_COUNTY',
        message: `${describe(c)}有约 ${formatArea(km2)}（占该网格 ${share}%）超出本区边界`,
      });
    }
  }
  return covered;
}
