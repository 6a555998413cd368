import { readFileSync } from 'node:fs';
import Flatbush from 'flatbush';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaOutside, intersect, subtract } from './clipping';
import {
  allocateGridCounts,
  type DivisionTown,
  type GeneratedTiling,
  generateGrids,
  mulberry32,
  shortVillageName,
} from './generate-grids';
import {
  type GridGeometry,
  geometryArea,
  geometryBbox,
  multiPolygonArea,
  type Position,
  pointInGeometry,
  type Ring,
} from './geometry';
import { GridIndex } from './grid-index';
import { onBoundaryOf, roundGeometry } from './shared-vertices';

const data = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../data/liangzhou/${file}`, import.meta.url), 'utf8'));

const boundary = data('boundary.geojson') as {
  features: { properties: { center: Position }; geometry: GridGeometry }[];
};
const outline = boundary.features[0]!.geometry;
const center = boundary.features[0]!.properties.center;
const towns = (data('divisions.json') as { towns: DivisionTown[] }).towns;

interface GridFeature {
  properties: { code: string; name: string; villageCode: string; townCode: string; generated: boolean };
  geometry: GridGeometry;
}
/** The committed artefact: what the app and the import actually load. */
const file = data('grids.generated.geojson') as {
  generated: boolean;
  source: string;
  seed: number;
  coordinatePrecision: number | null;
  features: GridFeature[];
};
const grids = file.features.map((f) => ({ ...f.properties, geometry: f.geometry }));
const outlineArea = geometryArea(outline);
/** A billionth of the county (about 5 m²): well above float noise, far below any real sliver. */
const tolerance = outlineArea * 1e-9;

let tiling: GeneratedTiling;
let generationMs: number;

beforeAll(() => {
  const started = performance.now();
  tiling = generateGrids({ outline, towns, center, seed: file.seed });
  generationMs = performance.now() - started;
});

function randomPointsIn(geometry: GridGeometry, count: number, seed: number): Position[] {
  const rng = mulberry32(seed);
  const [minX, minY, maxX, maxY] = geometryBbox(geometry);
  const points: Position[] = [];
  while (points.length < count) {
    const p: Position = [minX + rng() * (maxX - minX), minY + rng() * (maxY - minY)];
    if (pointInGeometry(geometry, p[0], p[1])) points.push(p);
  }
  return points;
}

describe('generateGrids on the real Liangzhou outline', () => {
  it('makes 1,300 to 1,500 grids within a few seconds', () => {
    expect(tiling.grids.length).toBeGreaterThanOrEqual(1300);
    expect(tiling.grids.length).toBeLessThanOrEqual(1500);
    expect(tiling.towns).toHaveLength(50);
    expect(tiling.villages).toHaveLength(550);
    expect(generationMs).toBeLessThan(10_000);
  });

  it('gives every village of divisions.json at least one grid and no grid to anything else', () => {
    const perVillage = new Map<string, number>();
    for (const g of tiling.grids) perVillage.set(g.villageCode, (perVillage.get(g.villageCode) ?? 0) + 1);
    const villages = towns.flatMap((t) => t.villages.map((v) => ({ ...v, townCode: t.code })));
    for (const v of villages) expect(perVillage.get(v.code) ?? 0, v.name).toBeGreaterThanOrEqual(1);
    expect(perVillage.size).toBe(villages.length);
    const townOf = new Map(villages.map((v) => [v.code, v.townCode]));
    for (const g of tiling.grids) expect(g.townCode).toBe(townOf.get(g.villageCode));
  });

  it('gives communities more grids than villages', () => {
    const kindOf = new Map(towns.flatMap((t) => t.villages.map((v) => [v.code, v.kind])));
    const mean = (kind: string) => {
      const counts = new Map<string, number>();
      for (const g of tiling.grids) {
        if (kindOf.get(g.villageCode) === kind)
          counts.set(g.villageCode, (counts.get(g.villageCode) ?? 0) + 1);
      }
      return [...counts.values()].reduce((s, c) => s + c, 0) / counts.size;
    };
    expect(mean('community')).toBeGreaterThan(2 * mean('village'));
  });

  it('codes grids as the village code and a sequence from 001, and names them after the village', () => {
    const codes = new Set(tiling.grids.map((g) => g.code));
    expect(codes.size).toBe(tiling.grids.length);
    for (const g of tiling.grids) expect(g.code).toMatch(new RegExp(`^${g.villageCode}\\d{3}$`));
    const first = tiling.grids.find((g) => g.code === '620602001001001');
    expect(first?.name).toBe('南苑社区第1网格');
    const seq = tiling.grids.filter((g) => g.villageCode === '620602001001').map((g) => g.code.slice(12));
    expect(seq).toEqual(seq.map((_, i) => String(i + 1).padStart(3, '0')));
  });

  it('nests the grids of a village inside the village cell and adds them up to it', () => {
    for (const village of tiling.villages.slice(0, 40)) {
      const own = tiling.grids.filter((g) => g.villageCode === village.code);
      const sum = own.reduce((s, g) => s + geometryArea(g.geometry), 0);
      expect(Math.abs(sum - geometryArea(village.geometry))).toBeLessThan(
        geometryArea(village.geometry) * 1e-9,
      );
    }
  });

  it('is deterministic for a seed: regenerating gives the committed file exactly', () => {
    const keep = onBoundaryOf(outline);
    const precision = file.coordinatePrecision;
    expect(tiling.grids.map((g) => g.code)).toEqual(grids.map((g) => g.code));
    tiling.grids.forEach((g, i) => {
      const geometry = precision === null ? g.geometry : roundGeometry(g.geometry, precision, keep);
      expect(geometry).toEqual(grids[i]!.geometry);
      expect(g.name).toBe(grids[i]!.name);
    });
  });
});

describe('the committed grids.generated.geojson', () => {
  const boxes = grids.map((g) => geometryBbox(g.geometry));
  const tree = new Flatbush(grids.length);
  for (const b of boxes) tree.add(...b);
  tree.finish();

  it('says it is generated and synthetic', () => {
    expect(file.generated).toBe(true);
    expect(file.source).toContain('scripts/generate-grids.ts');
    expect(file.source).toContain(`seed ${file.seed}`);
    expect(file.source).toMatch(/NOT real/);
    for (const f of file.features) expect(f.properties.generated).toBe(true);
  });

  it('keeps every grid inside the county outline', () => {
    const edges = new Flatbush(outline.coordinates[0]!.length - 1);
    const ring = outline.coordinates[0] as Ring;
    for (let k = 0; k + 1 < ring.length; k++) {
      const [a, b] = [ring[k]!, ring[k + 1]!];
      edges.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    }
    edges.finish();
    let border = 0;
    grids.forEach((g, i) => {
      if (edges.search(...boxes[i]!).length === 0) {
        const [x, y] = (
          g.geometry.type === 'Polygon' ? g.geometry.coordinates : g.geometry.coordinates[0]!
        )[0]![0]!;
        expect(pointInGeometry(outline, x, y), g.code).toBe(true);
        return;
      }
      expect(areaOutside(g.geometry, outline), g.code).toBeLessThan(tolerance);
      // The fast clip agrees with a plain difference against the whole outline (slow, so a sample).
      if (border++ % 25 === 0) {
        expect(multiPolygonArea(subtract(g.geometry, outline)), g.code).toBeLessThan(tolerance);
      }
    });
    expect(border).toBeGreaterThan(100);
  });

  it('adds up to the area of the outline (within 0.1 %)', () => {
    const sum = grids.reduce((s, g) => s + geometryArea(g.geometry), 0);
    expect(Math.abs(sum - outlineArea) / outlineArea).toBeLessThan(0.001);
    // In fact far closer: the tiles cover the outline up to float noise.
    expect(Math.abs(sum - outlineArea) / outlineArea).toBeLessThan(1e-9);
  });

  it('has no two grids overlapping', () => {
    let pairs = 0;
    grids.forEach((a, i) => {
      for (const j of tree.search(...boxes[i]!)) {
        if (j <= i) continue;
        pairs++;
        const area = multiPolygonArea(intersect(a.geometry, grids[j]!.geometry));
        expect(area, `${a.code} × ${grids[j]!.code}`).toBeLessThan(tolerance);
      }
    });
    expect(pairs).toBeGreaterThan(grids.length);
  });

  it('shares every inner edge, vertex for vertex, between exactly two grids', () => {
    const uses = new Map<string, number>();
    for (const g of grids) {
      const polygons = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates;
      for (const ring of polygons.flat()) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const [a, b] = [ring[k]!.join(','), ring[k + 1]!.join(',')];
          const key = a < b ? `${a} ${b}` : `${b} ${a}`;
          uses.set(key, (uses.get(key) ?? 0) + 1);
        }
      }
    }
    const onOutline = onBoundaryOf(outline);
    const length = (a: Position, b: Position) => Math.hypot(b[0] - a[0], b[1] - a[1]);
    let outer = 0;
    for (const [key, count] of uses) {
      expect(count, key).toBeLessThanOrEqual(2);
      if (count === 2) continue;
      // An edge of one grid only must be part of the county outline.
      const [a, b] = key.split(' ').map((p) => p.split(',').map(Number) as Position);
      expect(
        onOutline(a!) && onOutline(b!) && onOutline([(a![0] + b![0]) / 2, (a![1] + b![1]) / 2]),
        key,
      ).toBe(true);
      outer += length(a!, b!);
    }
    // And together the single edges run all the way round the outline.
    const ring = outline.coordinates[0] as Ring;
    const perimeter = ring.slice(1).reduce((sum, p, k) => sum + length(ring[k]!, p), 0);
    expect(outer / perimeter).toBeCloseTo(1, 9);
  });

  it('puts each of 2,000 random points of the county in exactly one grid, the one GridIndex finds', () => {
    const index = new GridIndex(grids);
    for (const [x, y] of randomPointsIn(outline, 2000, 7)) {
      const holders = tree.search(x, y, x, y).filter((j) => pointInGeometry(grids[j]!.geometry, x, y));
      expect(holders, `${x}, ${y}`).toHaveLength(1);
      expect(index.locate(x, y)?.code).toBe(grids[holders[0]!]!.code);
    }
  });

  it('locates points outside the county to no grid', () => {
    const index = new GridIndex(grids);
    const [minX, minY, maxX, maxY] = geometryBbox(outline);
    const rng = mulberry32(11);
    let outside = 0;
    while (outside < 500) {
      const [x, y] = [minX + rng() * (maxX - minX), minY + rng() * (maxY - minY)];
      if (pointInGeometry(outline, x, y)) continue;
      outside++;
      expect(index.locate(x, y), `${x}, ${y}`).toBeNull();
    }
    expect(index.locate(116.4, 39.9)).toBeNull();
  });
});

describe('generateGrids on small inputs', () => {
  const square = (x0: number, y0: number, size: number): Ring => [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
  const village = (code: string, kind = 'village') => ({ code, name: `${code}村委会`, kind });
  const smallTowns: DivisionTown[] = [
    { code: '620602001', name: '甲街道', kind: 'street', villages: [village('620602001001', 'community')] },
    {
      code: '620602100',
      name: '乙镇',
      kind: 'town',
      villages: [village('620602100001'), village('620602100002')],
    },
    {
      code: '620602101',
      name: '丙镇',
      kind: 'town',
      villages: [village('620602101001'), village('620602101002')],
    },
  ];
  // Two islands: clipping gives MultiPolygon cells where a Voronoi cell spans both.
  const islands: GridGeometry = {
    type: 'MultiPolygon',
    coordinates: [[square(102, 37.9, 0.1)], [square(102.3, 37.9, 0.1)]],
  };
  const run = (seed: number) =>
    generateGrids({ outline: islands, towns: smallTowns, center: [102.05, 37.95], seed, targetGrids: 12 });

  it('gives the same tiles for the same seed and different tiles for another', () => {
    expect(run(1)).toEqual(run(1));
    expect(run(1).grids.map((g) => g.geometry)).not.toEqual(run(2).grids.map((g) => g.geometry));
  });

  it('refuses a town without villages, whose cell no grid could cover', () => {
    const towns = [...smallTowns, { code: '620602102', name: '丁镇', kind: 'town', villages: [] }];
    expect(() => generateGrids({ outline: islands, towns, center: [102.05, 37.95], seed: 1 })).toThrow(
      /丁镇/,
    );
  });

  it('covers a MultiPolygon outline with exactly the target number of grids', () => {
    const result = run(3);
    expect(result.grids).toHaveLength(12);
    const sum = result.grids.reduce((s, g) => s + geometryArea(g.geometry), 0);
    expect(sum).toBeCloseTo(geometryArea(islands), 12);
  });
});

describe('allocateGridCounts', () => {
  it('hits the target exactly and gives every village at least one grid', () => {
    const villages = Array.from({ length: 30 }, (_, i) => ({
      code: `${i}`,
      name: '',
      kind: i < 5 ? 'community' : 'village',
    }));
    const counts = allocateGridCounts(villages, 40, mulberry32(1));
    expect(counts.reduce((s, c) => s + c, 0)).toBe(40);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(allocateGridCounts(villages, 10, mulberry32(1))).toEqual(villages.map(() => 1));
  });
});

describe('shortVillageName', () => {
  it('drops the committee suffix but keeps 村 and 社区', () => {
    expect(shortVillageName('南苑社区居委会')).toBe('南苑社区');
    expect(shortVillageName('南安社区居民委员会')).toBe('南安社区');
    expect(shortVillageName('荣昌村民委员会')).toBe('荣昌村');
    expect(shortVillageName('王家寨村委会')).toBe('王家寨村');
    expect(shortVillageName('东城嘉园村（居）委会')).toBe('东城嘉园村');
    expect(shortVillageName('地质新村虚拟社区')).toBe('地质新村虚拟社区');
  });
});
