// d3-delaunay ships no typings; this declares the part the grid generator uses (d3-delaunay 6).
declare module 'd3-delaunay' {
  export class Delaunay {
    /** Flat coordinates: x0, y0, x1, y1, … */
    constructor(points: ArrayLike<number>);
    voronoi(bounds?: [number, number, number, number]): Voronoi;
  }
  export class Voronoi {
    /** Closed ring (first point repeated) clipped to the bounds, or null for a coincident point. */
    cellPolygon(i: number): [number, number][] | null;
  }
}
