/**
 * GCJ-02 → WGS-84. Phones' map SDKs sold in China (AMap, Tencent) hand out points in GCJ-02, the
 * national obfuscation of WGS-84 (a smooth offset of 100–700 m depending on the place, about 150 m
 * in 凉州区); the product's grids, outlines and every stored point are WGS-84. A GCJ-02 point taken
 * as WGS-84 lands that far off — across a street or a village boundary — so an intake that says its
 * point is GCJ-02 is converted here.
 *
 * The forward formula is the one the SDKs' vendors publish (Krasovsky ellipsoid, the fixed sine
 * series); there is no closed inverse, so WGS-84 is found by iterating the forward one until it lands
 * on the given point (within 1e-9°, about 0.1 mm). Outside China's rough rectangle GCJ-02 is WGS-84
 * unchanged, as the SDKs leave it.
 */

export const coordSystems = ['wgs84', 'gcj02'] as const;
export type CoordSystem = (typeof coordSystems)[number];

export interface LngLat {
  lng: number;
  lat: number;
}

const A = 6378245.0;
const EE = 0.006693421622965943;

/** The rectangle inside which the SDKs apply the offset (the same test they use). */
export function outsideChina(p: LngLat): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y / 30) * Math.PI)) * 2) / 3;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02 (what the SDKs do). */
export function wgs84ToGcj02(p: LngLat): LngLat {
  if (outsideChina(p)) return { lng: p.lng, lat: p.lat };
  const radLat = (p.lat / 180) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (offsetLat(p.lng - 105, p.lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (offsetLng(p.lng - 105, p.lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: p.lng + dLng, lat: p.lat + dLat };
}

/** GCJ-02 → WGS-84: the point whose forward transform is the given one. */
export function gcj02ToWgs84(p: LngLat): LngLat {
  if (outsideChina(p)) return { lng: p.lng, lat: p.lat };
  let w = { lng: p.lng, lat: p.lat };
  // The offset changes slowly (its derivative is ~1e-5), so each step gains about five digits.
  for (let i = 0; i < 10; i++) {
    const g = wgs84ToGcj02(w);
    const dLng = g.lng - p.lng;
    const dLat = g.lat - p.lat;
    w = { lng: w.lng - dLng, lat: w.lat - dLat };
    if (Math.abs(dLng) < 1e-9 && Math.abs(dLat) < 1e-9) break;
  }
  return w;
}

/** A point as given in `crs`, in WGS-84. */
export function toWgs84(p: LngLat, crs: CoordSystem): LngLat {
  return crs === 'gcj02' ? gcj02ToWgs84(p) : { lng: p.lng, lat: p.lat };
}
