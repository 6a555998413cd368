/**
 * The linked-mediation figures of the dashboard (docs/KPI.md "Linked mediation"): per route (警调, 访调,
 * 诉调, 专调, 人民调解) how many disputes came to mediation that way, how many ended, and the share of
 * those ended that ended in an agreement (调解成功率). One definition, read by the server and the tests.
 */
import { type LinkedOutcome, type LinkedRoute, linkedRoutes } from '../mediation/linked-routes';
import { type Ratio, ratio } from './formulas';

/** One linked-mediation record as the figures need it (a row of `linked_mediations`). */
export interface LinkedRecord {
  route: LinkedRoute;
  outcome: LinkedOutcome | null;
}

export interface LinkedRouteFigure {
  route: LinkedRoute;
  /** 受理量: handed over (警调) or started (the other routes) in the period. */
  count: number;
  agreed: number;
  failed: number;
  /** 调解成功率 = agreed / (agreed + failed); mediations still under way are not in it. */
  successRate: Ratio;
}

export function linkedRouteFigures(records: readonly LinkedRecord[]): LinkedRouteFigure[] {
  return linkedRoutes.map((route) => {
    const mine = records.filter((r) => r.route === route);
    const agreed = mine.filter((r) => r.outcome === 'agreed').length;
    const failed = mine.filter((r) => r.outcome === 'failed').length;
    return { route, count: mine.length, agreed, failed, successRate: ratio(agreed, agreed + failed) };
  });
}
