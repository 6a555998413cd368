/**
 * Synthetic grids (网格) for a county whose real grids are not public: nested Voronoi tiles of the real
 * outline, towns → villages → grids, each level clipped to its parent so the grids of a village tile the
 * village and every point of the county lies in exactly one grid. Pure and deterministic: the same seed
 * gives the same tiles (seeded PRNG; d3-delaunay and polygon-clipping use plain float arithmetic).
 */
import { Delaunay } from 'd3-delaunay';
import { intersect } from './clipping';
import {
  type GridGeometry,
  geometryArea,
  geometryBbox,
  geometryFromPolygons,
  multiPolygonArea,
  type Position,
  pointInGeometry,
} from './geometry';
import { addSharedVertices } from './shared-vertices';

export interface DivisionVillage {
  code: string;
  name: string;
  /** 'village' (村) or 'community' (社区, urban). */
  kind: string;
}

export interface DivisionTown {
  code: string;
  name: string;
  /** 'street' (街道, urban), 'town' (镇) or 'zone' (园区, 指挥部). */
  kind: string;
  villages: readonly DivisionVillage[];
}

export interface GenerateGridsInput {
  outline: GridGeometry;
  towns: readonly DivisionTown[];
  /** The city centre; street (街道) seeds cluster around it. */
  center: Position;
  seed: number;
  /** Total grids wanted; every village gets at least one. Default 1,400. */
  targetGrids?: number;
}

export interface GeneratedCell {
  code: string;
  name: string;
  geometry: GridGeometry;
}

export interface GeneratedGrid extends GeneratedCell {
  villageCode: string;
  townCode: string;
}

export interface GeneratedTiling {
  /** Sorted by code; neighbours share their vertices (see shared-vertices.ts). */
  grids: GeneratedGrid[];
  /** The parent cells, in divisions order, as clipped (without the shared-vertex pass). */
  towns: GeneratedCell[];
  villages: (GeneratedCell & { townCode: string })[];
}

export const DEFAULT_TARGET_GRIDS = 1400;
/** An urban community (社区) is denser than a village (村), so it gets about this many times the grids. */
const COMMUNITY_WEIGHT = 3;
/** Streets are sampled within this radius (degrees of latitude, ≈ 4.5 km) of the city centre. */
const CITY_RADIUS = 0.04;
/** Best-candidate sampling (Mitchell): more candidates give more even cells. */
const CANDIDATES = 12;
const MAX_ATTEMPTS = 20;

/** mulberry32: a tiny, well-mixed 32-bit PRNG; enough for synthetic shapes, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAME_SUFFIXES: [string, string][] = [
  ['村民委员会', '村'],
  ['村（居）委会', '村'],
  ['居民委员会', ''],
  ['村委会', '村'],
  ['居委会', ''],
  ['委员会', ''],
];

/** '南苑社区居委会' → '南苑社区', '荣昌村民委员会' → '荣昌村': the committee suffix makes names unreadable. */
export function shortVillageName(name: string): string {
  for (const [suffix, keep] of NAME_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length) + keep;
  }
  return name;
}

/**
 * Grids per village: weights (community 3, village 1, each jittered ±25 %) shared out by largest
 * remainder so the total is exactly the target, with a floor of one grid per village.
 */
export function allocateGridCounts(
  villages: readonly DivisionVillage[],
  target: number,
  rng: () => number,
): number[] {
  const weights = villages.map((v) => (v.kind === 'community' ? COMMUNITY_WEIGHT : 1) * (0.75 + rng() / 2));
  const total = weights.reduce((s, w) => s + w, 0);
  const spare = Math.max(0, target - villages.length);
  const shares = weights.map((w) => (w / total) * spare);
  const counts = shares.map((s) => 1 + Math.floor(s));
  let left = villages.length + spare - counts.reduce((s, c) => s + c, 0);
  const byRemainder = shares
    .map((s, i) => ({ i, r: s - Math.floor(s) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return counts;
}

interface Sampler {
  rng: () => number;
  /** cos(latitude): lng degrees are shorter than lat degrees, and Voronoi cells should look round. */
  kx: number;
}

function distance2(s: Sampler, p: Position, q: Position): number {
  const dx = (p[0] - q[0]) * s.kx;
  const dy = p[1] - q[1];
  return dx * dx + dy * dy;
}

/** Rejection sampling within the bbox (or a disc around `near`) until the point lies inside `parent`. */
function randomPointIn(
  s: Sampler,
  parent: GridGeometry,
  near?: { center: Position; radius: number },
): Position {
  const [minX, minY, maxX, maxY] = geometryBbox(parent);
  for (let tries = 0; tries < 100_000; tries++) {
    let p: Position;
    if (near) {
      const r = near.radius * Math.sqrt(s.rng());
      const a = 2 * Math.PI * s.rng();
      p = [near.center[0] + (r * Math.cos(a)) / s.kx, near.center[1] + r * Math.sin(a)];
    } else {
      p = [minX + s.rng() * (maxX - minX), minY + s.rng() * (maxY - minY)];
    }
    if (pointInGeometry(parent, p[0], p[1])) return p;
  }
  throw new Error('generateGrids: could not sample a point inside a cell');
}

/** Best-candidate: of a few random points, keep the one farthest from the seeds placed so far. */
function bestCandidate(
  s: Sampler,
  parent: GridGeometry,
  placed: readonly Position[],
  near?: { center: Position; radius: number },
): Position {
  let best: Position | null = null;
  let bestD = -1;
  for (let c = 0; c < (placed.length === 0 ? 1 : CANDIDATES); c++) {
    const p = randomPointIn(s, parent, near);
    let d = Number.POSITIVE_INFINITY;
    for (const q of placed) d = Math.min(d, distance2(s, p, q));
    if (d > bestD) {
      best = p;
      bestD = d;
    }
  }
  return best!;
}

/**
 * Voronoi cells of `seeds` clipped to `parent`; null when a cell came out empty or the cells do not add
 * up to the parent (a clipping failure), so the caller samples again.
 */
function voronoiCells(s: Sampler, parent: GridGeometry, seeds: readonly Position[]): GridGeometry[] | null {
  if (seeds.length === 1) return [parent];
  const [minX, minY, maxX, maxY] = geometryBbox(parent);
  // A margin keeps the cell edges that d3 clips at its bounds (computed once per cell, so not always
  // bit-identical between neighbours) well outside the parent, where the clip to the parent drops them.
  const m = Math.max(maxX - minX, maxY - minY) * 0.05 + 1e-6;
  const flat = new Float64Array(seeds.length * 2);
  seeds.forEach(([x, y], i) => {
    flat[2 * i] = x * s.kx;
    flat[2 * i + 1] = y;
  });
  const voronoi = new Delaunay(flat).voronoi([(minX - m) * s.kx, minY - m, (maxX + m) * s.kx, maxY + m]);
  const cells: GridGeometry[] = [];
  let total = 0;
  for (let i = 0; i < seeds.length; i++) {
    const polygon = voronoi.cellPolygon(i);
    if (!polygon) return null;
    const ring: Position[] = polygon.map(([x, y]) => [x / s.kx, y]);
    let clipped: Position[][][];
    try {
      clipped = intersect({ type: 'Polygon', coordinates: [ring] }, parent);
    } catch {
      return null;
    }
    const cell = geometryFromPolygons(clipped);
    if (!cell) return null;
    total += multiPolygonArea(clipped);
    cells.push(cell);
  }
  const parentArea = geometryArea(parent);
  return Math.abs(total - parentArea) <= parentArea * 1e-9 ? cells : null;
}

/** Seeds placed by `place`, cells by Voronoi; samples again (the PRNG moves on) when a cell fails. */
function tile(s: Sampler, parent: GridGeometry, count: number, place: (placed: Position[]) => Position) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const seeds: Position[] = [];
    for (let i = 0; i < count; i++) seeds.push(place(seeds));
    const cells = voronoiCells(s, parent, seeds);
    if (cells) return cells;
  }
  throw new Error(`generateGrids: could not tile a cell into ${count} parts`);
}

export function generateGrids(input: GenerateGridsInput): GeneratedTiling {
  const { outline, towns, center } = input;
  const s: Sampler = { rng: mulberry32(input.seed), kx: Math.cos((center[1] * Math.PI) / 180) };
  const allVillages = towns.flatMap((t) => t.villages);
  // A town without villages would leave its cell in no grid; a 3-digit sequence caps grids per village.
  const empty = towns.find((t) => t.villages.length === 0);
  if (empty) throw new Error(`generateGrids: ${empty.name} (${empty.code}) has no villages to hold grids`);
  const counts = allocateGridCounts(allVillages, input.targetGrids ?? DEFAULT_TARGET_GRIDS, s.rng);
  if (Math.max(...counts) > 999) throw new Error('generateGrids: more than 999 grids in one village');
  const countOf = new Map(allVillages.map((v, i) => [v.code, counts[i]!]));

  // Streets first, packed around the centre; towns then spread over the rest, away from them.
  const order = towns.map((_, i) => i).sort((a, b) => urban(towns[b]!) - urban(towns[a]!) || a - b);
  const townCells = tile(s, outline, towns.length, (placed) => {
    const town = towns[order[placed.length]!]!;
    const near = urban(town) ? { center, radius: CITY_RADIUS } : undefined;
    return bestCandidate(s, outline, placed, near);
  });
  const townGeometry = new Map(order.map((townIndex, i) => [townIndex, townCells[i]!]));

  const result: GeneratedTiling = { grids: [], towns: [], villages: [] };
  towns.forEach((town, t) => {
    const townCell = townGeometry.get(t)!;
    result.towns.push({ code: town.code, name: town.name, geometry: townCell });
    const villageCells = tile(s, townCell, town.villages.length, (placed) =>
      bestCandidate(s, townCell, placed),
    );
    town.villages.forEach((village, v) => {
      const villageCell = villageCells[v]!;
      result.villages.push({
        code: village.code,
        name: village.name,
        townCode: town.code,
        geometry: villageCell,
      });
      const gridCells = tile(s, villageCell, countOf.get(village.code)!, (placed) =>
        bestCandidate(s, villageCell, placed),
      );
      const short = shortVillageName(village.name);
      gridCells.forEach((geometry, g) => {
        result.grids.push({
          code: `${village.code}${String(g + 1).padStart(3, '0')}`,
          name: `${short}第${g + 1}网格`,
          villageCode: village.code,
          townCode: town.code,
          geometry,
        });
      });
    });
  });

  result.grids.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const shared = addSharedVertices(result.grids.map((g) => g.geometry));
  result.grids.forEach((g, i) => {
    g.geometry = shared[i]!;
  });
  return result;
}

function urban(town: DivisionTown): number {
  return town.kind === 'street' ? 1 : 0;
}
