/**
 * What other modules may read of a matter's records (the court module builds its packages from
 * them): the row, its parties, its event timeline and its attachments. Reads only; every change
 * goes through the lifecycle (actions.service).
 */
import type { Executor } from '../../db/client';
import * as attachments from './attachments.repo';
import * as deadlines from './deadlines.repo';
import * as repo from './matters.repo';

export type MatterRow = repo.MatterRow;

export const matterById = (ex: Executor, id: string) => repo.byId(ex, id);
/** Locks the matter row for the caller's transaction, as a lifecycle command does. */
export const lockMatter = (ex: Executor, id: string) => repo.lockById(ex, id);
export const partiesOfMatter = (ex: Executor, id: string) => repo.partiesOf(ex, id);
export const timelineOfMatter = (ex: Executor, countyCode: string, id: string) =>
  repo.timelineOf(ex, countyCode, id);
export const attachmentsOfMatter = (ex: Executor, id: string) => attachments.ofMatter(ex, id);
export const attachmentOfMatter = (ex: Executor, matterId: string, id: string) =>
  attachments.byId(ex, matterId, id);
export const liveDeadlinesOf = (ex: Executor, id: string) => deadlines.liveDeadlines(ex, id);
