/**
 * What a public Open311 read may show of a place. A point in a field or on a road says nothing about a
 * person; the place of a family, neighbour or labour dispute, or of a petition, points at someone's
 * home. Those are rounded to two decimals (about 1 km) and their street address is withheld.
 */
import type { Category } from '../catalog/categories';

export type PlacePrecision = 'exact' | 'rounded';

export function placePrecisionOf(
  kind: string,
  category: Pick<Category, 'group'> | undefined,
): PlacePrecision {
  return kind === 'report' || category?.group === 'grid_event' ? 'exact' : 'rounded';
}

export function publicPlace(
  place: { lng: number | null; lat: number | null; address: string | null },
  precision: PlacePrecision,
): { lng: number | null; lat: number | null; address: string | null } {
  if (precision === 'exact') {
    const r5 = (v: number | null) => (v === null ? null : Math.round(v * 1e5) / 1e5);
    return { lng: r5(place.lng), lat: r5(place.lat), address: place.address };
  }
  const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return { lng: r2(place.lng), lat: r2(place.lat), address: null };
}
