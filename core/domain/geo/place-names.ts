/**
 * Where to write each town's and village's name on a map, from the product's own grids (no tile
 * server, no outside gazetteer): each name sits on a point inside one of its own grids, so a label
 * never lands in the neighbour's territory, and a search by name can fly there.
 */
import { shortOrgName } from '../orgs';
import { type GridGeometry, type Position, pointInGeometry, polygonArea, polygonsOf } from './geometry';

export interface GridForPlaces {
  geometry: GridGeometry;
  village: { id: string; name: string };
  town: { id: string; name: string };
}

export interface PlaceName {
  id: string;
  name: string;
  level: 'town' | 'village';
  /** The town a village lies in; null for a town. */
  town: string | null;
  lng: number;
  lat: number;
}

/** The area-weighted centroid of a grid's largest part, or a vertex of it when that falls outside. */
function labelPoint(g: GridGeometry): { at: Position; area: number } {
  const parts = polygonsOf(g).map((p) => ({ p, area: polygonArea(p) }));
  const biggest = parts.reduce((a, b) => (b.area > a.area ? b : a));
  const ring = biggest.p[0] ?? [];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  const c: Position = a !== 0 ? [cx / (3 * a), cy / (3 * a)] : (ring[0] ?? [0, 0]);
  const at = pointInGeometry(g, c[0], c[1]) ? c : (ring[0] ?? c);
  return { at, area: parts.reduce((s, x) => s + x.area, 0) };
}

/** Of the points, the one nearest their area-weighted mean: the middle of the place, inside it. */
function middle(points: { at: Position; area: number }[]): Position {
  const total = points.reduce((s, p) => s + p.area, 0) || 1;
  const mx = points.reduce((s, p) => s + p.at[0] * p.area, 0) / total;
  const my = points.reduce((s, p) => s + p.at[1] * p.area, 0) / total;
  let best = points[0]!.at;
  let bestD = Number.POSITIVE_INFINITY;
  for (const p of points) {
    const d = (p.at[0] - mx) ** 2 + (p.at[1] - my) ** 2;
    if (d < bestD) {
      bestD = d;
      best = p.at;
    }
  }
  return best;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Towns first, then villages, each in the order first met in the grids. */
export function placeNames(grids: readonly GridForPlaces[]): PlaceName[] {
  const villages = new Map<
    string,
    { name: string; town: string; points: { at: Position; area: number }[] }
  >();
  const towns = new Map<string, { name: string; points: { at: Position; area: number }[] }>();
  for (const g of grids) {
    const p = labelPoint(g.geometry);
    // The name people say (南苑社区), not the committee's (南苑社区居委会).
    const v = villages.get(g.village.id) ?? {
      name: shortOrgName(g.village.name),
      town: g.town.name,
      points: [],
    };
    v.points.push(p);
    villages.set(g.village.id, v);
    const t = towns.get(g.town.id) ?? { name: g.town.name, points: [] };
    t.points.push(p);
    towns.set(g.town.id, t);
  }
  const out: PlaceName[] = [];
  for (const [id, t] of towns) {
    const [lng, lat] = middle(t.points);
    out.push({ id, name: t.name, level: 'town', town: null, lng: round6(lng), lat: round6(lat) });
  }
  for (const [id, v] of villages) {
    const [lng, lat] = middle(v.points);
    out.push({ id, name: v.name, level: 'village', town: v.town, lng: round6(lng), lat: round6(lat) });
  }
  return out;
}

/**
 * The place a typed address names: the longest village (then town) name found in it, so "南苑社区3号楼"
 * finds 南苑社区 and not a town whose name is a part of it. Null when none is named.
 */
export function placeInAddress(address: string, places: readonly PlaceName[]): PlaceName | null {
  const text = address.replace(/\s+/g, '');
  if (text.length < 2) return null;
  let best: PlaceName | null = null;
  for (const p of places) {
    if (!text.includes(p.name)) continue;
    const better =
      !best ||
      (p.level === 'village' && best.level === 'town') ||
      (p.level === best.level && p.name.length > best.name.length);
    if (better) best = p;
  }
  return best;
}

/** Places whose name contains the typed text, villages and towns, at most `limit`. */
export function searchPlaces(q: string, places: readonly PlaceName[], limit = 20): PlaceName[] {
  const text = q.trim();
  if (!text) return [];
  return (
    places
      // "松树镇南苑" finds 南苑社区 of 松树镇; "松树" alone finds the places named so, not every village of it.
      .filter(
        (p) =>
          p.name.includes(text) ||
          (p.town !== null && text.length > p.town.length && `${p.town}${p.name}`.includes(text)),
      )
      .sort(
        (a, b) =>
          Number(b.name.startsWith(text)) - Number(a.name.startsWith(text)) || a.name.length - b.name.length,
      )
      .slice(0, limit)
  );
}
