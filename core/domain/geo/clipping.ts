/**
 * Boolean operations on grid geometries, through polygon-clipping (a sweep-line that re-nodes its input,
 * so shared edges and touching rings are fine).
 */
import * as polygonClippingModule from 'polygon-clipping';
import {
  type Bbox,
  type GridGeometry,
  geometryArea,
  geometryBbox,
  type MultiPolygonCoords,
  multiPolygonArea,
  type Position,
  polygonsOf,
} from './geometry';

type PolygonClipping = typeof polygonClippingModule;

// polygon-clipping's typings declare named exports, but both its ESM and CJS builds export one default
// object, so the named imports are undefined at run time in Node and in Vite; take whichever is there.
const ops: PolygonClipping =
  (polygonClippingModule as unknown as { default?: PolygonClipping }).default ?? polygonClippingModule;

export function intersect(a: GridGeometry, b: GridGeometry): MultiPolygonCoords {
  return ops.intersection(a.coordinates, b.coordinates);
}

export function subtract(a: GridGeometry, b: GridGeometry): MultiPolygonCoords {
  return ops.difference(a.coordinates, b.coordinates);
}

/**
 * Sutherland–Hodgman clip of every ring to a box: linear time, where polygon-clipping would sweep the
 * whole ring. A concave ring can come out with zero-width runs along the box edges; polygon-clipping
 * reads rings by the non-zero rule, to which those runs add nothing, so the result is fine as an operand
 * for anything lying strictly inside the box.
 */
export function clipToBox(geometry: GridGeometry, box: Bbox): MultiPolygonCoords {
  const [minX, minY, maxX, maxY] = box;
  const polygons: MultiPolygonCoords = [];
  for (const polygon of polygonsOf(geometry)) {
    const rings = polygon.map((ring) => {
      let pts: Position[] = ring;
      pts = clipHalf(
        pts,
        (p) => p[0] >= minX,
        (a, b) => at(a, b, (minX - a[0]) / (b[0] - a[0])),
      );
      pts = clipHalf(
        pts,
        (p) => p[0] <= maxX,
        (a, b) => at(a, b, (maxX - a[0]) / (b[0] - a[0])),
      );
      pts = clipHalf(
        pts,
        (p) => p[1] >= minY,
        (a, b) => at(a, b, (minY - a[1]) / (b[1] - a[1])),
      );
      pts = clipHalf(
        pts,
        (p) => p[1] <= maxY,
        (a, b) => at(a, b, (maxY - a[1]) / (b[1] - a[1])),
      );
      return pts;
    });
    const [outer, ...holes] = rings;
    if (!outer || outer.length < 3) continue;
    polygons.push([close(outer), ...holes.filter((h) => h.length >= 3).map(close)]);
  }
  return polygons;
}

function at(a: Position, b: Position, t: number): Position {
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

function close(ring: Position[]): Position[] {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/** One Sutherland–Hodgman pass: keeps the part of a ring on the inner side of one box edge. */
function clipHalf(
  ring: readonly Position[],
  inside: (p: Position) => boolean,
  cross: (a: Position, b: Position) => Position,
): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i]!;
    const previous = ring[(i + ring.length - 1) % ring.length]!;
    if (inside(current)) {
      if (!inside(previous)) out.push(cross(previous, current));
      out.push(current);
    } else if (inside(previous)) {
      out.push(cross(previous, current));
    }
  }
  return out;
}

/**
 * The area of `geometry` outside `outline`, clipping the outline to a box around the geometry first:
 * with a county outline of thousands of vertices that is the difference between milliseconds and
 * microseconds per grid.
 */
export function areaOutside(geometry: GridGeometry, outline: GridGeometry): number {
  const [minX, minY, maxX, maxY] = geometryBbox(geometry);
  // The margin keeps the clipped outline's zero-width runs along the box clear of the geometry.
  const m = Math.max(maxX - minX, maxY - minY, 1e-9) * 0.01;
  const local = clipToBox(outline, [minX - m, minY - m, maxX + m, maxY + m]);
  if (local.length === 0) return geometryArea(geometry);
  return multiPolygonArea(ops.difference(geometry.coordinates, local));
}
