/**
 * A point handed to the resident's form in its address: an app that opens `/public/submit` from its
 * own map (a city's app built on AMap or Tencent, a WeChat page) passes `?lng=…&lat=…&coord=gcj02`.
 * Those SDKs give GCJ-02, so the point is shown converted to WGS-84 (the product's outlines are
 * WGS-84) and sent as given with its datum: the server converts it again and records that it did.
 */
import { type CoordSystem, coordSystems, toWgs84 } from '../../../../core/domain/geo/gcj02';
import type { LatLng } from './PlaceMap';

export interface GivenPoint {
  lng: number;
  lat: number;
  crs: CoordSystem;
  /** Where it is on the product's (WGS-84) map. */
  wgs: LatLng;
}

export function givenPointFromUrl(search: string): GivenPoint | null {
  const q = new URLSearchParams(search);
  const lng = Number(q.get('lng'));
  const lat = Number(q.get('lat'));
  if (!q.get('lng') || !q.get('lat') || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return null;
  const raw = (q.get('coord') ?? 'wgs84').toLowerCase();
  const crs = (coordSystems as readonly string[]).includes(raw) ? (raw as CoordSystem) : null;
  if (!crs) return null;
  const w = toWgs84({ lng, lat }, crs);
  return { lng, lat, crs, wgs: { lng: Math.round(w.lng * 1e6) / 1e6, lat: Math.round(w.lat * 1e6) / 1e6 } };
}
