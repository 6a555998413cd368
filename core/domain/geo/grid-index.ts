/**
 * Which grid (网格) holds a point: a packed R-tree (flatbush) over the grids' bounding boxes narrows
 * ~1,400 grids to the one to three whose boxes hold the point, then an exact point-in-polygon decides.
 *
 * In front of that sits a cell table: the grids' extent cut into about 512 cells per grid (at most
 * 2^20). A cell that no edge of any grid comes within BOUNDARY_EPSILON of lies wholly inside or wholly
 * outside each grid, so every point in it has the answer of its centre — found once by the exact test
 * and remembered.
 * Only points in cells that an edge crosses take the exact path, so the boundary rules (closed
 * polygons, the earliest grid wins a shared edge) are the exact test's own.
 */
import Flatbush from 'flatbush';
import { BOUNDARY_EPSILON, classifyPoint, type GridGeometry, geometryBbox, polygonsOf } from './geometry';

/** Cell states besides a grid's position in build order. */
const UNKNOWN = -1;
const NONE = -2;
const CROSSED = -3;
const CELLS_PER_GRID = 512;
const MAX_CELLS = 1 << 20;

export class GridIndex<T extends { geometry: GridGeometry }> {
  readonly size: number;
  private readonly items: readonly T[];
  // Flatbush refuses zero items; an empty index simply locates nothing.
  private readonly tree: Flatbush | null;
  // One entry a cell: a grid's position in build order, or UNKNOWN / NONE / CROSSED.
  private readonly cells: Int16Array | Int32Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cw: number;
  private readonly ch: number;

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
      this.cells = new Int16Array(0);
      this.nx = this.ny = this.x0 = this.y0 = this.cw = this.ch = 0;
      return;
    }
    this.tree = new Flatbush(this.size);
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const item of this.items) {
      const [minX, minY, maxX, maxY] = geometryBbox(item.geometry);
      this.tree.add(minX, minY, maxX, maxY);
      [x0, y0, x1, y1] = [Math.min(x0, minX), Math.min(y0, minY), Math.max(x1, maxX), Math.max(y1, maxY)];
    }
    this.tree.finish();

    // Square-ish cells over the extent, about CELLS_PER_GRID of them per grid.
    const w = Math.max(x1 - x0, 1e-9);
    const h = Math.max(y1 - y0, 1e-9);
    const count = Math.min(MAX_CELLS, Math.max(1, this.size * CELLS_PER_GRID));
    this.nx = Math.max(1, Math.round(Math.sqrt((count * w) / h)));
    this.ny = Math.max(1, Math.round(count / this.nx));
    [this.x0, this.y0, this.cw, this.ch] = [x0, y0, w / this.nx, h / this.ny];
    // Two bytes a cell while positions fit (a county has a few thousand grids): ~1.4 MB for Liangzhou.
    this.cells = (
      this.size < 0x7f00 ? new Int16Array(this.nx * this.ny) : new Int32Array(this.nx * this.ny)
    ).fill(UNKNOWN);
    // Every cell an edge passes within the tolerance of is crossed; the rest are uniform. Each edge is
    // walked column by column, marking the rows its stretch in that column spans (a long diagonal edge
    // marks a band of cells, not its whole bounding box). The margins cover the rounding of the cell
    // arithmetic, many orders of magnitude above it and below a cell's size.
    const mx = BOUNDARY_EPSILON + this.cw * 1e-6;
    const my = BOUNDARY_EPSILON + this.ch * 1e-6;
    for (const item of this.items) {
      for (const polygon of polygonsOf(item.geometry)) {
        for (const ring of polygon) {
          for (let i = 0; i + 1 < ring.length; i++) this.markEdge(ring[i]!, ring[i + 1]!, mx, my);
        }
      }
    }
  }

  private markEdge([ax, ay]: readonly number[], [bx, by]: readonly number[], mx: number, my: number) {
    const lo = Math.min(ax!, bx!);
    const hi = Math.max(ax!, bx!);
    const cx0 = this.col(lo - mx);
    const cx1 = this.col(hi + mx);
    for (let cx = cx0; cx <= cx1; cx++) {
      // The edge's stretch inside this column (grown by the margin), and the rows it spans.
      const sx0 = Math.max(lo, this.x0 + cx * this.cw - mx);
      const sx1 = Math.min(hi, this.x0 + (cx + 1) * this.cw + mx);
      let ylo: number;
      let yhi: number;
      if (hi - lo <= 0 || sx0 > sx1) {
        [ylo, yhi] = [Math.min(ay!, by!), Math.max(ay!, by!)];
      } else {
        const t = bx! - ax! === 0 ? 0 : 1 / (bx! - ax!);
        const y0 = ay! + (sx0 - ax!) * (by! - ay!) * t;
        const y1 = ay! + (sx1 - ax!) * (by! - ay!) * t;
        [ylo, yhi] = [Math.min(y0, y1), Math.max(y0, y1)];
      }
      const cy0 = this.row(ylo - my);
      const cy1 = this.row(yhi + my);
      for (let cy = cy0; cy <= cy1; cy++) this.cells[cy * this.nx + cx] = CROSSED;
    }
  }

  private col(x: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.x0) / this.cw)));
  }

  private row(y: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.y0) / this.ch)));
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
    const fx = (lng - this.x0) / this.cw;
    const fy = (lat - this.y0) / this.ch;
    // Outside the extent (grown by the tolerance) no grid's box holds the point.
    if (fx < -e / this.cw || fy < -e / this.ch || fx > this.nx + e / this.cw || fy > this.ny + e / this.ch)
      return null;
    const at = this.row(lat) * this.nx + this.col(lng);
    const known = this.cells[at]!;
    if (known >= 0) return this.items[known]!;
    if (known === NONE) return null;
    if (known === CROSSED) return this.locateExact(lng, lat);
    // First visit of a uniform cell: its centre's answer is every point's.
    const cx = this.x0 + ((at % this.nx) + 0.5) * this.cw;
    const cy = this.y0 + (Math.floor(at / this.nx) + 0.5) * this.ch;
    const found = this.exactIndex(cx, cy);
    this.cells[at] = found < 0 ? NONE : found;
    return found < 0 ? null : this.items[found]!;
  }

  /** The cell table's size, for the benchmark: cells, those an edge crosses, and the bytes it holds. */
  cellStats(): { cells: number; crossed: number; bytes: number } {
    let crossed = 0;
    for (const v of this.cells) if (v === CROSSED) crossed++;
    return { cells: this.cells.length, crossed, bytes: this.cells.byteLength };
  }

  /** The exact test alone, without the cell table (tests and the benchmark compare the two). */
  locateExact(lng: number, lat: number): T | null {
    if (!this.tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    const i = this.exactIndex(lng, lat);
    return i < 0 ? null : this.items[i]!;
  }

  private exactIndex(lng: number, lat: number): number {
    const e = BOUNDARY_EPSILON;
    const candidates = this.tree!.search(lng - e, lat - e, lng + e, lat + e);
    // Flatbush returns tree order, not insertion order; the tie-break needs insertion order.
    if (candidates.length > 1) candidates.sort((a, b) => a - b);
    for (const i of candidates) {
      if (classifyPoint(this.items[i]!.geometry, lng, lat, e) !== 'outside') return i;
    }
    return -1;
  }
}
