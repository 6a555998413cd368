/**
 * Who may take over a worker's grids and follow-ups (交接): a colleague in post, a grid worker of the
 * same town, not the worker himself. The server checks jurisdiction; this says what the roster allows.
 */
import type { WorkerStatus } from './status';

export interface HandoverParty {
  userId: string;
  isGridWorker: boolean;
  status: WorkerStatus;
  /** The town (乡镇/街道) org id above or at the worker's org. */
  townId: string | null;
}

export function handoverRefusal(leaver: HandoverParty, colleague: HandoverParty): string | null {
  if (leaver.userId === colleague.userId) return '不能交接给本人。';
  if (!leaver.isGridWorker) return '该账号不是网格员。';
  if (leaver.status !== 'active') return '该网格员已不在岗，无需再次交接。';
  if (!colleague.isGridWorker || colleague.status !== 'active') return '接收人须为在岗网格员。';
  if (!leaver.townId || leaver.townId !== colleague.townId) return '接收人须为同一乡镇（街道）的网格员。';
  return null;
}
