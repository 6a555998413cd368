/**
 * Makes neighbouring tiles share their vertices, so a tiling survives coordinate rounding.
 *
 * Clipping leaves T-junctions: where a village boundary is crossed by the grid edges of the village on
 * one side, the grids on the other side have no vertex there. Rounding such a vertex moves it off the
 * straight edge of the other side and opens a sliver gap or overlap. With the vertex inserted on both
 * sides, both sides round it the same way and the shared edge stays identical.
 */
import Flatbush from 'flatbush';
import {
  type GridGeometry,
  geometryFromPolygons,
  type PolygonCoords,
  type Position,
  polygonsOf,
  type Ring,
  ringArea,
} from './geometry';

/** Vertices closer than this (degrees, about 0.1 mm) to an edge lie on it: clipping noise is ~1e-15. */
const ON_EDGE_EPSILON = 1e-9;

function mapPolygons(geometry: GridGeometry, fn: (polygon: PolygonCoords) => PolygonCoords | null) {
  const polygons: PolygonCoords[] = [];
  for (const polygon of polygonsOf(geometry)) {
    const mapped = fn(polygon);
    if (mapped) polygons.push(mapped);
  }
  return geometryFromPolygons(polygons);
}

/**
 * Snaps vertices closer than ON_EDGE_EPSILON to one another onto one of them (two clippings of the same
 * crossing can differ in the last bits), then inserts into every edge the vertices of the other
 * geometries that lie on it. Afterwards neighbours list bit-identical vertices along their shared edges.
 */
export function addSharedVertices(geometries: readonly GridGeometry[]): GridGeometry[] {
  const points: Position[] = [];
  for (const g of geometries) {
    for (const polygon of polygonsOf(g)) for (const ring of polygon) points.push(...ring.slice(0, -1));
  }
  if (points.length === 0) return [...geometries];
  const e = ON_EDGE_EPSILON;
  const tree = new Flatbush(points.length);
  for (const [x, y] of points) tree.add(x, y, x, y);
  tree.finish();
  // The earliest of a cluster of near-identical vertices stands for all of them.
  const canonical = points.map(([x, y]) => points[Math.min(...tree.search(x - e, y - e, x + e, y + e))]!);

  let next = 0;
  const densify = (ring: Ring): Ring => {
    const snapped = ring.slice(0, -1).map(() => canonical[next++]!);
    const out: Ring = [];
    for (let i = 0; i < snapped.length; i++) {
      const a = snapped[i]!;
      const b = snapped[(i + 1) % snapped.length]!;
      if (out.length === 0 || out[out.length - 1] !== a) out.push(a);
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const found: { t: number; p: Position }[] = [];
      const hits = tree.search(
        Math.min(a[0], b[0]) - e,
        Math.min(a[1], b[1]) - e,
        Math.max(a[0], b[0]) + e,
        Math.max(a[1], b[1]) + e,
      );
      for (const h of hits) {
        const p = canonical[h]!;
        if (near(p, a, e) || near(p, b, e)) continue;
        const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
        if (t <= 0 || t >= 1) continue;
        const distance = Math.abs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / Math.sqrt(len2);
        if (distance <= e) found.push({ t, p });
      }
      found.sort((u, v) => u.t - v.t);
      for (const { p } of found) if (!near(p, out[out.length - 1]!, e)) out.push(p);
    }
    if (out.length > 1 && out[out.length - 1] === out[0]) out.pop();
    return [...out.map((p): Position => [p[0], p[1]]), [out[0]![0], out[0]![1]]];
  };

  return geometries.map((g) => mapPolygons(g, (polygon) => polygon.map(densify)) ?? g);
}

/** Whether a point lies on the boundary of `outline` (within ON_EDGE_EPSILON), via an index of its edges. */
export function onBoundaryOf(outline: GridGeometry): (p: Position) => boolean {
  const edges: [Position, Position][] = [];
  for (const polygon of polygonsOf(outline)) {
    for (const ring of polygon)
      for (let k = 0; k + 1 < ring.length; k++) edges.push([ring[k]!, ring[k + 1]!]);
  }
  const e = ON_EDGE_EPSILON;
  const tree = new Flatbush(Math.max(1, edges.length));
  for (const [a, b] of edges) {
    tree.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  if (edges.length === 0) tree.add(Number.NaN, Number.NaN, Number.NaN, Number.NaN);
  tree.finish();
  return ([x, y]) =>
    tree.search(x - e, y - e, x + e, y + e).some((k) => {
      const [a, b] = edges[k]!;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len = Math.hypot(dx, dy);
      if (len === 0) return near([x, y], a, e);
      return Math.abs(dx * (y - a[1]) - dy * (x - a[0])) <= e * len;
    });
}

function near(p: Position, q: Position, e: number): boolean {
  return Math.abs(p[0] - q[0]) <= e && Math.abs(p[1] - q[1]) <= e;
}

/**
 * Rounds to `decimals` (6 ≈ 0.1 m), drops the repeated vertices that rounding creates and the rings it
 * collapses, and a polygon whose outer ring collapsed. Null when nothing is left. Vertices for which
 * `keep` says so stay as they are: a crossing of the county outline rounded off the outline would leave
 * a sliver of the county in no grid, or a grid poking out of it.
 */
export function roundGeometry(
  geometry: GridGeometry,
  decimals: number,
  keep: (p: Position) => boolean = () => false,
): GridGeometry | null {
  const scale = 10 ** decimals;
  const round = (v: number) => Math.round(v * scale) / scale;
  const roundRing = (ring: Ring): Ring | null => {
    const out: Ring = [];
    for (const [x, y] of ring) {
      const p: Position = keep([x, y]) ? [x, y] : [round(x), round(y)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out.length >= 4 && ringArea(out) > 0 ? out : null;
  };
  return mapPolygons(geometry, (polygon) => {
    const [outer, ...holes] = polygon.map(roundRing);
    if (!outer) return null;
    return [outer, ...holes.filter((h): h is Ring => h !== null)];
  });
}
