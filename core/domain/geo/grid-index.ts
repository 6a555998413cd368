/**
 * Which grid (网格) holds a point: a packed R-tree (flatbush) over the grids' bounding boxes narrows
 * ~1,400 grids to the one to three whose boxes hold the point, then an exact point-in-polygon decides.
 */
import Flatbush from 'flatbush';
import { BOUNDARY_EPSILON, classifyPoint, type GridGeometry, geometryBbox } from './geometry';

export class GridIndex<T extends { geometry: GridGeometry }> {
  readonly size: number;
  private readonly items: readonly T[];
  // Flatbush refuses zero items; an empty index simply locates nothing.
  private readonly tree: Flatbush | null;

  /**
   * The order of `items` is the tie-break: a point on an edge shared by two grids (or inside an overlap
   * of a faulty import) belongs to the earliest of them. Build it from grids sorted by code and the
   * owner of every edge is the grid with the smaller code, on every server and in the browser alike.
   */
  constructor(items: readonly T[]) {
    this.items = [...items];
    this.size = this.items.length;
    if (this.size === 0) {
      this.tree = null;
      return;
    }
    this.tree = new Flatbush(this.size);
    for (const item of this.items) {
      const [minX, minY, maxX, maxY] = geometryBbox(item.geometry);
      this.tree.add(minX, minY, maxX, maxY);
    }
    this.tree.finish();
  }

  /**
   * The first grid (in build order) whose closed polygon holds the point, or null outside all grids.
   * Closed means a point within BOUNDARY_EPSILON of an edge counts as in: plain ray casting can put a
   * point on a shared edge in neither neighbour (the edge is evaluated in opposite directions and the
   * two float results differ), which would leave a point inside the county without a grid.
   */
  locate(lng: number, lat: number): T | null {
    if (!this.tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    const e = BOUNDARY_EPSILON;
    const candidates = this.tree.search(lng - e, lat - e, lng + e, lat + e);
    // Flatbush returns tree order, not insertion order; the tie-break needs insertion order.
    if (candidates.length > 1) candidates.sort((a, b) => a - b);
    for (const i of candidates) {
      const item = this.items[i]!;
      if (classifyPoint(item.geometry, lng, lat, e) !== 'outside') return item;
    }
    return null;
  }
}
