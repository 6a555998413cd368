/**
 * Structural checks of one imported grid geometry (GeoJSON Polygon or MultiPolygon), each problem as a
 * Chinese phrase that validate-grids.ts prefixes with the feature it belongs to. Every ring is checked,
 * so one pass reports all of a feature's faults.
 */
import Flatbush from 'flatbush';
import { type GridGeometry, type PolygonCoords, type Position, type Ring, ringArea } from './geometry';

export type GeometryIssueCode = 'GRID_INVALID_GEOMETRY' | 'GRID_SELF_INTERSECTION';

export interface GeometryIssue {
  code: GeometryIssueCode;
  /** A Chinese phrase that follows the feature's name, such as '的第 1 个面的外环未闭合：…'. */
  detail: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function formatPosition(p: readonly number[]): string {
  return `(${p.map((v) => (Number.isFinite(v) ? Number(v.toFixed(6)) : String(v))).join(', ')})`;
}

function ringLabel(polygon: number, ring: number, multi: boolean): string {
  const part = multi ? `第 ${polygon + 1} 个面的` : '';
  return `的${part}${ring === 0 ? '外环' : `第 ${ring} 个内环`}`;
}

/** The geometry when it is a usable Polygon/MultiPolygon (null otherwise), and everything wrong with it. */
export function checkGridGeometry(value: unknown): {
  geometry: GridGeometry | null;
  issues: GeometryIssue[];
} {
  const invalid = (detail: string) => ({
    geometry: null,
    issues: [{ code: 'GRID_INVALID_GEOMETRY' as const, detail }],
  });
  if (!isObject(value)) return invalid('缺少几何（geometry）');
  if (value.type !== 'Polygon' && value.type !== 'MultiPolygon') {
    return invalid(`的几何类型为 ${String(value.type)}，应为 Polygon 或 MultiPolygon`);
  }
  const multi = value.type === 'MultiPolygon';
  const coordinates = value.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    return invalid('的坐标（coordinates）为空或不是数组');
  const polygons: unknown[] = multi ? coordinates : [coordinates];
  const issues: GeometryIssue[] = [];
  polygons.forEach((polygon, p) => {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      issues.push({ code: 'GRID_INVALID_GEOMETRY', detail: `的第 ${p + 1} 个面没有任何环` });
      return;
    }
    polygon.forEach((ring: unknown, r) => {
      const label = ringLabel(p, r, multi);
      const problem = checkRing(ring);
      if (problem) {
        issues.push({ code: 'GRID_INVALID_GEOMETRY', detail: `${label}${problem}` });
        return;
      }
      // Before the area test: a symmetric bow-tie has zero signed area, but the crossing is the fault.
      const crossing = findSelfIntersection(ring as Ring);
      if (crossing) issues.push({ code: 'GRID_SELF_INTERSECTION', detail: `${label}${crossing}` });
      else if (ringArea(ring as Ring) === 0) {
        issues.push({ code: 'GRID_INVALID_GEOMETRY', detail: `${label}面积为零（所有坐标重合）` });
      }
    });
  });
  if (issues.length > 0) return { geometry: null, issues };
  // A 2-D copy: drops altitudes and detaches the grid from the caller's parsed file.
  const copy = (polygon: unknown): PolygonCoords =>
    (polygon as number[][][]).map((ring) => ring.map(([lng, lat]): Position => [lng!, lat!]));
  const geometry: GridGeometry = multi
    ? { type: 'MultiPolygon', coordinates: polygons.map(copy) }
    : { type: 'Polygon', coordinates: copy(coordinates) };
  return { geometry, issues };
}

/** Why a ring is unusable as coordinates, or null when it is closed and has four or more valid positions. */
function checkRing(ring: unknown): string | null {
  if (!Array.isArray(ring)) return '不是坐标数组';
  for (let k = 0; k < ring.length; k++) {
    const p: unknown = ring[k];
    if (!Array.isArray(p) || p.length < 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return `第 ${k + 1} 个坐标不是有限的经纬度数值：${JSON.stringify(p) ?? String(p)}`;
    }
    const [lng, lat] = p as number[];
    if (lng! < -180 || lng! > 180 || lat! < -90 || lat! > 90) {
      return `第 ${k + 1} 个坐标 ${formatPosition(p as number[])} 超出经纬度范围（经度 ±180，纬度 ±90）`;
    }
  }
  if (ring.length < 4) return `只有 ${ring.length} 个坐标，至少需要 4 个（首尾相同）`;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return `未闭合：首坐标 ${formatPosition(first)} 与末坐标 ${formatPosition(last)} 不同`;
  }
  return null;
}

function orient(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function within(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Where closed segments ab and cd meet, or null. */
function meet(a: Position, b: Position, c: Position, d: Position): Position | null {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (d1 === 0 && within(c, d, a)) return a;
  if (d2 === 0 && within(c, d, b)) return b;
  if (d3 === 0 && within(a, b, c)) return c;
  if (d4 === 0 && within(a, b, d)) return d;
  return null;
}

/**
 * Two edges of the ring that touch or cross (other than neighbours at their shared vertex), or an
 * edge that doubles back on the previous one (a spike). Flatbush over edge boxes keeps long rings near
 * O(n log n) instead of testing all pairs.
 */
function findSelfIntersection(ring: Ring): string | null {
  const pts: Position[] = [];
  for (const p of ring.slice(0, -1)) {
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  while (pts.length > 1 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1]) {
    pts.pop();
  }
  const n = pts.length;
  if (n < 3) return null; // a zero-area ring, reported by checkRing
  const edge = (i: number): [Position, Position] => [pts[i]!, pts[(i + 1) % n]!];
  const tree = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const [a, b] = edge(i);
    tree.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  tree.finish();
  for (let i = 0; i < n; i++) {
    const [a, b] = edge(i);
    const hits = tree.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    );
    for (const j of hits.sort((x, y) => x - y)) {
      if (j <= i) continue;
      const [c, d] = edge(j);
      if (j === i + 1 || (i === 0 && j === n - 1)) {
        // Neighbours share one vertex; they are only wrong when the second runs back along the first.
        const [u, v, w] = j === i + 1 ? [a, b, d] : [c, a, b];
        const back = (v[0] - u[0]) * (w[0] - v[0]) + (v[1] - u[1]) * (w[1] - v[1]) < 0;
        if (orient(u, v, w) === 0 && back) return `在 ${formatPosition(v)} 处折返（尖刺）`;
        continue;
      }
      const at = meet(a, b, c, d);
      if (at) return `自相交：第 ${i + 1} 条边与第 ${j + 1} 条边在 ${formatPosition(at)} 附近相交`;
    }
  }
  return null;
}
