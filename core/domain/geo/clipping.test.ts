import { describe, expect, it } from 'vitest';
import { areaOutside, clipToBox, subtract } from './clipping';
import { type GridGeometry, multiPolygonArea, type Ring } from './geometry';

// A U open to the top: concave, so a box across both arms cuts it into two pieces.
const u: Ring = [
  [0, 0],
  [3, 0],
  [3, 3],
  [2, 3],
  [2, 1],
  [1, 1],
  [1, 3],
  [0, 3],
  [0, 0],
];
const outline: GridGeometry = { type: 'Polygon', coordinates: [u] };
const square = (x0: number, y0: number, x1: number, y1: number): GridGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

describe('clipToBox', () => {
  it('keeps the area of a concave polygon inside the box', () => {
    expect(multiPolygonArea(clipToBox(outline, [0.5, 2, 2.5, 4]))).toBeCloseTo(1, 12);
    expect(multiPolygonArea(clipToBox(outline, [-1, -1, 4, 4]))).toBeCloseTo(7, 12);
  });

  it('gives nothing for a box away from the polygon', () => {
    expect(clipToBox(outline, [5, 5, 6, 6])).toEqual([]);
  });
});

describe('areaOutside', () => {
  it('matches a plain difference against the whole outline', () => {
    for (const g of [
      square(0.5, 2, 2.5, 2.5),
      square(-1, -1, 0.5, 0.5),
      square(0.2, 0.2, 0.8, 0.8),
      square(5, 5, 6, 6),
    ]) {
      expect(areaOutside(g, outline)).toBeCloseTo(multiPolygonArea(subtract(g, outline)), 12);
    }
  });
});
