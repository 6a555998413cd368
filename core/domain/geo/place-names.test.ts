import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GridGeometry } from './geometry';
import { pointInGeometry } from './geometry';
import { type GridForPlaces, placeInAddress, placeNames, searchPlaces } from './place-names';

const square = (x: number, y: number, s = 1): GridGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});
/** An L whose centroid lies outside it. */
const ell: GridGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [3, 0],
      [3, 0.2],
      [0.2, 0.2],
      [0.2, 3],
      [0, 3],
      [0, 0],
    ],
  ],
};

const t1 = { id: 't1', name: '松树镇' };
const t2 = { id: 't2', name: '康宁镇' };
const grids: GridForPlaces[] = [
  { geometry: square(0, 0), village: { id: 'v1', name: '南苑社区居委会' }, town: t1 },
  { geometry: square(1, 0), village: { id: 'v1', name: '南苑社区居委会' }, town: t1 },
  { geometry: square(5, 5), village: { id: 'v2', name: '松树村' }, town: t1 },
  { geometry: ell, village: { id: 'v3', name: '康宁村' }, town: t2 },
];

describe('place names from the grids', () => {
  it('puts every name inside one of its own grids', () => {
    const places = placeNames(grids);
    expect(places.map((p) => `${p.level}:${p.name}`)).toEqual([
      'town:松树镇',
      'town:康宁镇',
      'village:南苑社区',
      'village:松树村',
      'village:康宁村',
    ]);
    for (const p of places) {
      const own = grids.filter((g) => (p.level === 'town' ? g.town.id : g.village.id) === p.id);
      expect(
        own.some((g) => pointInGeometry(g.geometry, p.lng, p.lat)),
        `${p.name} at ${p.lng},${p.lat}`,
      ).toBe(true);
    }
  });

  it('labels every town and village of the Liangzhou demo grids inside its own territory', () => {
    const file = JSON.parse(readFileSync('data/liangzhou/grids.generated.geojson', 'utf8')) as {
      features: { geometry: GridGeometry; properties: { villageCode: string; townCode: string } }[];
    };
    const gs = file.features.map((f) => ({
      geometry: f.geometry,
      village: { id: f.properties.villageCode, name: f.properties.villageCode },
      town: { id: f.properties.townCode, name: f.properties.townCode },
    }));
    const places = placeNames(gs);
    expect(places.filter((p) => p.level === 'town').length).toBeGreaterThan(30);
    for (const p of places) {
      const own = gs.filter((g) => (p.level === 'town' ? g.town.id : g.village.id) === p.id);
      expect(own.some((g) => pointInGeometry(g.geometry, p.lng, p.lat))).toBe(true);
    }
  });
});

describe('finding a place by name', () => {
  const places = placeNames(grids);
  it('finds villages and towns by part of their name, best matches first', () => {
    expect(searchPlaces('松树', places).map((p) => p.name)).toEqual(['松树镇', '松树村']);
    expect(searchPlaces('南苑', places).map((p) => p.name)).toEqual(['南苑社区']);
    expect(searchPlaces('  ', places)).toEqual([]);
  });

  it('matches a typed address to the village it names, before the town', () => {
    expect(placeInAddress('松树镇南苑社区3号楼2单元', places)?.name).toBe('南苑社区');
    expect(placeInAddress('松树镇政府对面', places)?.name).toBe('松树镇');
    expect(placeInAddress('人民广场东侧', places)).toBeNull();
  });
});
