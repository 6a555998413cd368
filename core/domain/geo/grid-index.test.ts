import { describe, expect, it } from 'vitest';
import type { GridGeometry, Ring } from './geometry';
import { GridIndex } from './grid-index';

const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const cell = (code: string, x0: number, y0: number): { code: string; geometry: GridGeometry } => ({
  code,
  geometry: { type: 'Polygon', coordinates: [rect(x0, y0, x0 + 1, y0 + 1)] },
});

// Four unit squares meeting at (1, 1).
const squares = [cell('a', 0, 0), cell('b', 1, 0), cell('c', 0, 1), cell('d', 1, 1)];

describe('GridIndex', () => {
  it('locates a point to the grid that holds it', () => {
    const index = new GridIndex(squares);
    expect(index.size).toBe(4);
    expect(index.locate(0.5, 0.5)?.code).toBe('a');
    expect(index.locate(1.5, 0.2)?.code).toBe('b');
    expect(index.locate(0.3, 1.9)?.code).toBe('c');
    expect(index.locate(1.99, 1.99)?.code).toBe('d');
  });

  it('gives a point outside every grid no grid', () => {
    const index = new GridIndex(squares);
    expect(index.locate(2.5, 0.5)).toBeNull();
    expect(index.locate(-0.001, 0.5)).toBeNull();
    expect(index.locate(Number.NaN, 0.5)).toBeNull();
  });

  it('gives a point on a shared edge to the earliest grid in build order', () => {
    expect(new GridIndex(squares).locate(1, 0.5)?.code).toBe('a');
    expect(new GridIndex([...squares].reverse()).locate(1, 0.5)?.code).toBe('b');
  });

  it('gives the corner where four grids meet to the earliest of them', () => {
    expect(new GridIndex(squares).locate(1, 1)?.code).toBe('a');
    expect(new GridIndex([squares[3]!, squares[1]!, squares[2]!, squares[0]!]).locate(1, 1)?.code).toBe('d');
  });

  it('does not give a point in a hole to the grid around it', () => {
    const ring = {
      code: 'ring',
      geometry: { type: 'Polygon', coordinates: [rect(0, 0, 3, 3), rect(1, 1, 2, 2)] },
    };
    const island = { code: 'island', geometry: { type: 'Polygon', coordinates: [rect(1, 1, 2, 2)] } };
    const index = new GridIndex([ring, island] as { code: string; geometry: GridGeometry }[]);
    expect(index.locate(1.5, 1.5)?.code).toBe('island');
    expect(index.locate(0.5, 1.5)?.code).toBe('ring');
  });

  it('finds either part of a MultiPolygon grid', () => {
    const split: { code: string; geometry: GridGeometry } = {
      code: 'split',
      geometry: { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [rect(5, 5, 6, 6)]] },
    };
    const index = new GridIndex([split]);
    expect(index.locate(5.5, 5.5)?.code).toBe('split');
    expect(index.locate(3, 3)).toBeNull();
  });

  it('locates nothing when built from no grids', () => {
    const index = new GridIndex<{ geometry: GridGeometry }>([]);
    expect(index.size).toBe(0);
    expect(index.locate(0, 0)).toBeNull();
  });
});

describe('GridIndex cell table', () => {
  it('answers exactly as the exact test on the county’s grids: random points, vertices, edge midpoints, repeats', async () => {
    const { readFileSync } = await import('node:fs');
    const { mulberry32 } = await import('./generate-grids');
    const { geometryBbox, polygonsOf } = await import('./geometry');
    const collection = JSON.parse(
      readFileSync(new URL('../../../data/liangzhou/grids.generated.geojson', import.meta.url), 'utf8'),
    ) as { features: { properties: { code: string }; geometry: GridGeometry }[] };
    const grids = collection.features
      .map((f) => ({ code: f.properties.code, geometry: f.geometry }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const index = new GridIndex(grids);
    const boxes = grids.map((g) => geometryBbox(g.geometry));
    const [x0, y0] = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))];
    const [x1, y1] = [Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
    const rng = mulberry32(7);
    const points: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) {
      // Some a little outside the extent too.
      points.push([x0 - 0.01 + rng() * (x1 - x0 + 0.02), y0 - 0.01 + rng() * (y1 - y0 + 0.02)]);
    }
    // Points on the boundaries: where the tie-break and the tolerance decide.
    for (const g of grids.slice(0, 300)) {
      for (const ring of polygonsOf(g.geometry).flat()) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i]!;
          const [bx, by] = ring[i + 1]!;
          points.push([ax, ay], [(ax + bx) / 2, (ay + by) / 2]);
        }
      }
    }
    let differ = 0;
    // Twice: the second pass reads the cells the first one filled.
    for (let pass = 0; pass < 2; pass++) {
      for (const [x, y] of points) if (index.locate(x, y)?.code !== index.locateExact(x, y)?.code) differ++;
    }
    expect(differ).toBe(0);
    expect(points.filter(([x, y]) => index.locate(x, y)).length).toBeGreaterThan(10_000);
  });

  it('keeps the tie-break and the hole when the cells are coarse', () => {
    const one = new GridIndex([cell('only', 0, 0)]);
    expect(one.locate(0.5, 0.5)?.code).toBe('only');
    expect(one.locate(1, 1)?.code).toBe('only');
    expect(one.locate(1.0000001, 0.5)).toBeNull();
    expect(new GridIndex([]).locate(0, 0)).toBeNull();
  });
});
