/**
 * 治未病: did the measures decided against a risk warning work? The indicator is the one that raised
 * the warning, counted the same way before and after: new matters of the warning's categories in the
 * warning's area (the acting org's subtree) over a window of `windowDays` —
 *   before = [raised − window, raised)
 *   after  = [measures done, measures done + window), counted up to now while the window is running.
 * change = (after − before) ÷ before; null when before is 0. The after figure is final only once its
 * window has fully passed (`afterComplete`), and absent while any measure is still open.
 * Formula also in docs/KPI.md (治未病措施成效).
 */

export const EFFECT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface EffectInput {
  raisedAt: Date;
  /** When the last measure was completed; null while any is open (or none was decided). */
  measuresDoneAt: Date | null;
  now: Date;
  /** Creation instants of the matters in scope (categories and area), any range. */
  matterTimes: readonly Date[];
  windowDays?: number;
}

export interface Effect {
  windowDays: number;
  before: number;
  beforeFrom: Date;
  after: number | null;
  afterFrom: Date | null;
  afterUntil: Date | null;
  afterComplete: boolean;
  /** Relative change, −1 … ∞; null without a before figure or an after figure. */
  change: number | null;
}

function countIn(times: readonly Date[], from: Date, until: Date): number {
  let n = 0;
  for (const t of times) if (t >= from && t < until) n++;
  return n;
}

export function measureEffect(input: EffectInput): Effect {
  const windowDays = input.windowDays ?? EFFECT_WINDOW_DAYS;
  const span = windowDays * DAY_MS;
  const beforeFrom = new Date(input.raisedAt.getTime() - span);
  const before = countIn(input.matterTimes, beforeFrom, input.raisedAt);
  if (!input.measuresDoneAt) {
    return {
      windowDays,
      before,
      beforeFrom,
      after: null,
      afterFrom: null,
      afterUntil: null,
      afterComplete: false,
      change: null,
    };
  }
  const afterFrom = input.measuresDoneAt;
  const end = new Date(afterFrom.getTime() + span);
  const afterUntil = input.now < end ? input.now : end;
  const after = countIn(input.matterTimes, afterFrom, afterUntil);
  return {
    windowDays,
    before,
    beforeFrom,
    after,
    afterFrom,
    afterUntil,
    afterComplete: input.now >= end,
    change: before > 0 ? (after - before) / before : null,
  };
}

/** The instant the last of the measures was done, or null while one is open or there are none. */
export function measuresDoneAt(measures: readonly { doneAt: Date | null }[]): Date | null {
  if (measures.length === 0 || measures.some((m) => !m.doneAt)) return null;
  return new Date(Math.max(...measures.map((m) => m.doneAt!.getTime())));
}

/** "前30日 12 件 → 措施落实后 3 件（−75%）", or what is still missing. */
export function effectSummary(e: Effect): string {
  const head = `预警前${e.windowDays}日 ${e.before} 件`;
  if (e.after === null) return `${head}；措施尚未全部落实，落实后开始计算`;
  const pct = e.change === null ? '' : `（${e.change > 0 ? '+' : ''}${Math.round(e.change * 100)}%）`;
  const partial = e.afterComplete ? '' : '，观察期未满';
  return `${head} → 措施落实后 ${e.after} 件${pct}${partial}`;
}
