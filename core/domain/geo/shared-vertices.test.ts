import { describe, expect, it } from 'vitest';
import type { GridGeometry, Ring } from './geometry';
import { addSharedVertices, onBoundaryOf, roundGeometry } from './shared-vertices';

const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const polygon = (ring: Ring): GridGeometry => ({ type: 'Polygon', coordinates: [ring] });

describe('addSharedVertices', () => {
  it('adds to an edge the vertex where two neighbours across it meet (a T-junction)', () => {
    const [long] = addSharedVertices([
      polygon(rect(0, 0, 2, 1)),
      polygon(rect(0, 1, 1, 2)),
      polygon(rect(1, 1, 2, 2)),
    ]);
    expect(long!.coordinates[0]).toEqual([
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('snaps vertices a few ulps apart onto one, so shared edges become bit-identical', () => {
    const [a, b] = addSharedVertices([polygon(rect(0, 0, 1, 1)), polygon(rect(1 + 1e-15, 0, 2, 1))]);
    expect(b!.coordinates[0]![0]).toEqual(a!.coordinates[0]![1]);
  });
});

describe('roundGeometry', () => {
  it('rounds, drops the repeats rounding makes and keeps the ring closed', () => {
    const ring: Ring = [
      [0.1234564, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0.1234561, 0.0000001],
      [0.1234564, 0],
    ];
    const rounded = roundGeometry(polygon(ring), 6)!;
    expect(rounded.coordinates[0]).toEqual([
      [0.123456, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0.123456, 0],
    ]);
  });

  it('leaves the vertices the caller wants kept at full precision', () => {
    const ring = rect(0, 0, 1.23456789, 1);
    const rounded = roundGeometry(polygon(ring), 2, ([x]) => x > 1)!;
    expect(rounded.coordinates[0]![1]).toEqual([1.23456789, 0]);
  });

  it('drops a ring that rounding collapses and gives null when nothing is left', () => {
    expect(roundGeometry(polygon(rect(0, 0, 1e-9, 1e-9)), 6)).toBeNull();
    const holed: GridGeometry = {
      type: 'Polygon',
      coordinates: [rect(0, 0, 1, 1), rect(0.5, 0.5, 0.5 + 1e-9, 0.6)],
    };
    expect(roundGeometry(holed, 6)!.coordinates).toHaveLength(1);
  });
});

describe('onBoundaryOf', () => {
  it('tells points on the outline from points off it', () => {
    const on = onBoundaryOf(polygon(rect(0, 0, 1, 1)));
    expect(on([0.5, 0])).toBe(true);
    expect(on([1, 1])).toBe(true);
    expect(on([0.5, 0.5])).toBe(false);
    expect(on([0.5, 1e-6])).toBe(false);
  });
});
