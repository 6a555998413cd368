/**
 * Moving a simulated clock forward (ZONGZHI_CLOCK; demos, training and browser journeys): a
 * deadline can be made to pass by living through it, not by editing rows. Only the system
 * administrator, only on a simulated clock, only forward; recorded in the event log.
 */
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import { type Deps, isAdjustable, type RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';

export async function advanceClock(deps: Deps, ctx: RequestCtx, to: Date): Promise<{ time: string }> {
  const actor = requirePermission(ctx, 'clock.set');
  // The real clock (systemClock) cannot be moved; a simulated one (ZONGZHI_CLOCK) or a test's can.
  if (!isAdjustable(deps.clock)) {
    throw new AppError('UNPROCESSABLE', '本系统使用真实时间，不能拨动时钟。', {
      reason: 'CLOCK_NOT_SIMULATED',
    });
  }
  const from = deps.clock.now();
  if (!deps.clock.advanceTo(to)) {
    throw new AppError('UNPROCESSABLE', '模拟时钟只能向后拨。', { reason: 'CLOCK_BACKWARDS' });
  }
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'system.clock_advanced',
      objectType: 'system',
      objectId: 'clock',
      before: { time: from.toISOString() },
      after: { time: deps.clock.now().toISOString() },
    }),
  );
  deps.kickSealer();
  return { time: deps.clock.now().toISOString() };
}
