/** Delivers the notification outbox on a timer (and once at start); one run at a time per process. */
import type { Deps } from '../context';
import { deliverDue } from '../modules/notifications/notifications.service';
import { type PeriodicOptions, startPeriodic } from './periodic';

export function startNotificationSweep(deps: Deps, opts: PeriodicOptions) {
  return startPeriodic(() => deliverDue(deps), { name: 'notification_sweep', ...opts });
}
