/**
 * The deadlines counted on a provisional calendar belong to matters, which sits above calendar
 * (issue 19): calendar states what it needs of them here and the composition root
 * (server/src/matter-consumers.ts) plugs in matters' services, so calendar imports nothing of matters.
 */
import type { WorkCalendar } from '../../../../core/domain/time-limits';
import type { Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';

export interface RecountReport {
  examined: number;
  changed: number;
  moved: number;
  kept: number;
  supervision: number;
}

export interface ProvisionalDeadlines {
  /** Running deadlines counted provisionally: the county's (null: all), or those through a year. */
  count(deps: Deps, countyCode: string | null, year?: number): Promise<number>;
  /**
   * In the caller's transaction (the one saving the year's arrangement): every running deadline
   * counted provisionally through `cause.year` counted again on the new calendar.
   */
  recountThroughYear(
    deps: Deps,
    ctx: RequestCtx,
    tx: Executor,
    cause: { year: number; version: number },
    calendarOf: (countyCode: string) => Promise<WorkCalendar>,
  ): Promise<RecountReport>;
}

/** The port deps carries; a missing one is a wiring error (a Deps built without matter-consumers.ts). */
export function provisionalDeadlinesOf(deps: Deps): ProvisionalDeadlines {
  if (!deps.provisionalDeadlines) {
    throw new Error(
      '日历模块的依赖未接入：请用 wireMatterConsumers（server/src/matter-consumers.ts）组装 deps',
    );
  }
  return deps.provisionalDeadlines;
}
