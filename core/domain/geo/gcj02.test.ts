import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outsideChina, toWgs84, wgs84ToGcj02 } from './gcj02';

// Published reference pairs (WGS-84 → GCJ-02), the ones the open-source converters test against.
const pairs = [
  {
    name: '上海',
    wgs: { lat: 31.1774276, lng: 121.5272106 },
    gcj: { lat: 31.17530398364597, lng: 121.531541859215 },
  },
  {
    name: '深圳',
    wgs: { lat: 22.543847, lng: 113.912316 },
    gcj: { lat: 22.540796131694766, lng: 113.9171764808363 },
  },
  {
    name: '北京',
    wgs: { lat: 39.911954, lng: 116.377817 },
    gcj: { lat: 39.91334545536069, lng: 116.38404722455657 },
  },
];

describe('GCJ-02', () => {
  it.each(pairs)('forward transform matches the reference point in $name', ({ wgs, gcj }) => {
    const g = wgs84ToGcj02(wgs);
    expect(g.lat).toBeCloseTo(gcj.lat, 9);
    expect(g.lng).toBeCloseTo(gcj.lng, 9);
  });

  it.each(pairs)('GCJ-02 in $name converts back to its WGS-84 point within 1 mm', ({ wgs, gcj }) => {
    const w = gcj02ToWgs84(gcj);
    expect(Math.abs(w.lat - wgs.lat)).toBeLessThan(1e-8);
    expect(Math.abs(w.lng - wgs.lng)).toBeLessThan(1e-8);
  });

  it('the offset in 凉州区 is about 150 m: taking GCJ-02 as WGS-84 would misplace the point', () => {
    const wgs = { lat: 37.928224, lng: 102.642184 };
    const gcj = wgs84ToGcj02(wgs);
    const metres = Math.hypot((gcj.lat - wgs.lat) * 111_000, (gcj.lng - wgs.lng) * 111_000 * Math.cos(0.662));
    expect(metres).toBeGreaterThan(120);
    expect(metres).toBeLessThan(200);
    const back = toWgs84(gcj, 'gcj02');
    expect(back.lat).toBeCloseTo(wgs.lat, 8);
    expect(back.lng).toBeCloseTo(wgs.lng, 8);
  });

  it('outside China there is no offset', () => {
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(outsideChina(paris)).toBe(true);
    expect(gcj02ToWgs84(paris)).toEqual(paris);
    expect(wgs84ToGcj02(paris)).toEqual(paris);
    const tokyoEast = { lat: 35.68, lng: 139.76 };
    expect(gcj02ToWgs84(tokyoEast)).toEqual(tokyoEast);
  });

  it('wgs84 is taken as given', () => {
    const p = { lat: 37.9, lng: 102.6 };
    expect(toWgs84(p, 'wgs84')).toEqual(p);
  });
});
