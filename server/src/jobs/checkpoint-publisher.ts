/**
 * Publishes signed checkpoints of the event chains on a timer (modules/events/checkpoints.ts), so a
 * truncated or rewritten chain is caught by the next verification against them.
 */
import type { Deps } from '../context';
import { publishCheckpoints } from '../modules/events/checkpoints';
import { type PeriodicOptions, startPeriodic } from './periodic';

export function startCheckpointPublisher(deps: Deps, opts: PeriodicOptions) {
  return startPeriodic(() => publishCheckpoints(deps.database, deps.clock, deps.config.checkpoints), {
    name: 'checkpoint_publisher',
    ...opts,
  });
}
