/**
 * A grid worker's standing on the roster (网格员花名册). An account with the grid_worker role and no
 * recorded status is in post. Leaving (离职) and going on leave (请假) both hand the worker's grids
 * and open follow-ups to a named colleague first (handover.ts), so no grid is left without a worker.
 */
export const workerStatuses = ['active', 'on_leave', 'left'] as const;
export type WorkerStatus = (typeof workerStatuses)[number];

export const workerStatusLabels: Record<WorkerStatus, string> = {
  active: '在岗',
  on_leave: '请假',
  left: '离职',
};

/** The statuses a hand-over moves a worker into. */
export const handoverStatuses = ['on_leave', 'left'] as const satisfies readonly WorkerStatus[];
export type HandoverStatus = (typeof handoverStatuses)[number];
