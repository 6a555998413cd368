/**
 * GeoJSON-shaped grid geometry and the planar measures the grid tiling needs.
 *
 * Coordinates are WGS84 [lng, lat] in degrees. Areas here are planar, in square degrees: across one
 * county (about 1° of latitude) that is good for relative comparisons (shares, tolerances, sums of tiles
 * against their parent) but not a true area; `approxKm2` converts with the local scale when a person
 * has to read the figure.
 */

export type Position = [number, number];
/** Closed as in GeoJSON: the last position repeats the first. */
export type Ring = Position[];
/** Outer ring first, then holes. */
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];
export type GridGeometry =
  | { type: 'Polygon'; coordinates: PolygonCoords }
  | { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
/** [minLng, minLat, maxLng, maxLat] */
export type Bbox = [number, number, number, number];
export type PointPlacement = 'inside' | 'boundary' | 'outside';

/** Kilometres per degree of latitude (and of longitude at the equator), the usual rounded figure. */
export const KM_PER_DEGREE = 111.32;

/**
 * How far from an edge (in degrees, about 0.1 µm) a point still counts as on it. Far below any survey
 * precision, but above the rounding noise of clipping, so a point on a shared edge is never "in neither".
 */
export const BOUNDARY_EPSILON = 1e-12;

export function polygonsOf(geometry: GridGeometry): PolygonCoords[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** A Polygon when there is one part, so simple shapes stay simple in files; null when there is none. */
export function geometryFromPolygons(polygons: MultiPolygonCoords): GridGeometry | null {
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}

export function geometryBbox(geometry: GridGeometry): Bbox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    // Holes lie inside the outer ring, so the outer ring alone bounds the polygon.
    for (const [x, y] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Shoelace formula: positive when the ring runs counter-clockwise (lng to the right, lat up). */
export function ringSignedArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    twice += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return twice / 2;
}

export function ringArea(ring: Ring): number {
  return Math.abs(ringSignedArea(ring));
}

/** Outer ring minus holes, whatever the winding order of the input. */
export function polygonArea(polygon: PolygonCoords): number {
  let area = 0;
  polygon.forEach((ring, i) => {
    area += i === 0 ? ringArea(ring) : -ringArea(ring);
  });
  return area;
}

export function geometryArea(geometry: GridGeometry): number {
  let area = 0;
  for (const polygon of polygonsOf(geometry)) area += polygonArea(polygon);
  return area;
}

export function multiPolygonArea(polygons: MultiPolygonCoords): number {
  let area = 0;
  for (const polygon of polygons) area += polygonArea(polygon);
  return area;
}

/** Square degrees to km² at a latitude (equirectangular scale); approximate, for messages. */
export function approxKm2(areaDeg2: number, latitude: number): number {
  return areaDeg2 * KM_PER_DEGREE * KM_PER_DEGREE * Math.cos((latitude * Math.PI) / 180);
}

/**
 * Ray casting to +lng. The half-open test `(yi > y) !== (yj > y)` counts a vertex on the ray once, so
 * rings need no special cases; points exactly on an edge may fall either way, which is what
 * `classifyPoint` exists for.
 */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const ya = a[1];
    const yb = b[1];
    if (ya > y !== yb > y && x < ((b[0] - a[0]) * (y - ya)) / (yb - ya) + a[0]) inside = !inside;
  }
  return inside;
}

/** Even-odd over the rings of each polygon (so holes exclude), any polygon of a MultiPolygon. */
export function pointInGeometry(geometry: GridGeometry, x: number, y: number): boolean {
  for (const polygon of polygonsOf(geometry)) {
    let inside = false;
    for (const ring of polygon) if (pointInRing(x, y, ring)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** Crossing parity of one ring, or 'boundary' when the point is within `eps` of one of its edges. */
function ringPlacement(x: number, y: number, ring: Ring, eps: number): boolean | 'boundary' {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const ax = a[0];
    const ay = a[1];
    const bx = b[0];
    const by = b[1];
    // One pass for both tests: the boundary test runs only for the rare edge whose box holds the point.
    if (
      x >= Math.min(ax, bx) - eps &&
      x <= Math.max(ax, bx) + eps &&
      y >= Math.min(ay, by) - eps &&
      y <= Math.max(ay, by) + eps
    ) {
      const dx = bx - ax;
      const dy = by - ay;
      if (Math.abs(dx * (y - ay) - dy * (x - ax)) <= eps * Math.hypot(dx, dy)) return 'boundary';
    }
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/** Inside, on the boundary (within `eps` degrees of an edge of any ring), or outside. */
export function classifyPoint(
  geometry: GridGeometry,
  x: number,
  y: number,
  eps: number = BOUNDARY_EPSILON,
): PointPlacement {
  let inside = false;
  for (const polygon of polygonsOf(geometry)) {
    let inPolygon = false;
    for (const ring of polygon) {
      const placement = ringPlacement(x, y, ring, eps);
      if (placement === 'boundary') return 'boundary';
      if (placement) inPolygon = !inPolygon;
    }
    if (inPolygon) inside = true;
  }
  return inside ? 'inside' : 'outside';
}
