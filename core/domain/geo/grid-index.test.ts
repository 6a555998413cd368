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
