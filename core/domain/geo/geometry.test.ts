import { describe, expect, it } from 'vitest';
import {
  approxKm2,
  classifyPoint,
  type GridGeometry,
  geometryArea,
  geometryBbox,
  geometryFromPolygons,
  pointInGeometry,
  type Ring,
  ringArea,
  ringSignedArea,
} from './geometry';

const ccwSquare = (x0: number, y0: number, size: number): Ring => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

const holed: GridGeometry = {
  type: 'Polygon',
  coordinates: [ccwSquare(0, 0, 4), ccwSquare(1, 1, 2).reverse()],
};
const twoParts: GridGeometry = {
  type: 'MultiPolygon',
  coordinates: [[ccwSquare(0, 0, 1)], [ccwSquare(10, -5, 2)]],
};

describe('ring and geometry area', () => {
  it('is positive for a counter-clockwise ring and negative for a clockwise one', () => {
    expect(ringSignedArea(ccwSquare(0, 0, 2))).toBe(4);
    expect(ringSignedArea(ccwSquare(0, 0, 2).reverse())).toBe(-4);
    expect(ringArea(ccwSquare(0, 0, 2).reverse())).toBe(4);
  });

  it('subtracts holes whatever their winding and adds up the parts of a MultiPolygon', () => {
    expect(geometryArea(holed)).toBe(12);
    expect(geometryArea({ type: 'Polygon', coordinates: [ccwSquare(0, 0, 4), ccwSquare(1, 1, 2)] })).toBe(12);
    expect(geometryArea(twoParts)).toBe(5);
  });

  it('converts square degrees to km² with the latitude scale', () => {
    expect(approxKm2(1, 0)).toBeCloseTo(111.32 * 111.32, 6);
    expect(approxKm2(1, 60)).toBeCloseTo((111.32 * 111.32) / 2, 6);
  });
});

describe('geometryBbox', () => {
  it('spans every part of a MultiPolygon', () => {
    expect(geometryBbox(twoParts)).toEqual([0, -5, 12, 1]);
  });
});

describe('geometryFromPolygons', () => {
  it('gives null for no part, a Polygon for one and a MultiPolygon for several', () => {
    expect(geometryFromPolygons([])).toBeNull();
    expect(geometryFromPolygons([[ccwSquare(0, 0, 1)]])?.type).toBe('Polygon');
    expect(geometryFromPolygons(twoParts.coordinates as Ring[][])?.type).toBe('MultiPolygon');
  });
});

describe('point in polygon', () => {
  it('excludes points in a hole and includes points between hole and shell', () => {
    expect(pointInGeometry(holed, 2, 2)).toBe(false);
    expect(pointInGeometry(holed, 0.5, 2)).toBe(true);
    expect(pointInGeometry(holed, 5, 2)).toBe(false);
  });

  it('finds points in any part of a MultiPolygon', () => {
    expect(pointInGeometry(twoParts, 11, -4)).toBe(true);
    expect(pointInGeometry(twoParts, 5, 0)).toBe(false);
  });

  it('works whether or not the ring repeats its first position', () => {
    const open = ccwSquare(0, 0, 1).slice(0, -1);
    expect(pointInGeometry({ type: 'Polygon', coordinates: [open] }, 0.5, 0.5)).toBe(true);
  });

  it('classifies points on edges, vertices and hole edges as boundary', () => {
    expect(classifyPoint(holed, 4, 2)).toBe('boundary');
    expect(classifyPoint(holed, 0, 0)).toBe('boundary');
    expect(classifyPoint(holed, 1, 1.5)).toBe('boundary');
    expect(classifyPoint(holed, 0.5, 0.5)).toBe('inside');
    expect(classifyPoint(holed, 2, 2)).toBe('outside');
  });

  it('counts a point a hair off an edge as on it only within the tolerance', () => {
    expect(classifyPoint(holed, 4 + 1e-13, 2)).toBe('boundary');
    expect(classifyPoint(holed, 4 + 1e-9, 2)).toBe('outside');
    expect(classifyPoint(holed, 4 + 1e-9, 2, 1e-8)).toBe('boundary');
  });
});
