/**
 * What other modules may read of a matter's records (the court module builds its packages from
 * them): the row, its parties, its event timeline and its attachments. Reads only; every change
 * goes through the lifecycle (actions.service).
 */
import { can } from '../../../../core/domain/permissions';
import { AppError } from '../../../../core/errors';
import type { Actor, Deps } from '../../context';
import type { Executor } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { countyCodes } from '../counties/counties.service';
import * as attachments from './attachments.repo';
import * as deadlines from './deadlines.repo';
import * as repo from './matters.repo';
import { canSeeMatter } from './visibility';

export type MatterRow = repo.MatterRow;

export const matterById = (ex: Executor, county: string, id: string) => repo.byId(ex, county, id);
/** Locks the matter row for the caller's transaction, as a lifecycle command does. */
export const lockMatter = (ex: Executor, county: string, id: string) => repo.lockById(ex, county, id);
/** The parties with their ID and phone numbers opened: `deps` carries the key (docs/SECURITY.md G31). */
export const partiesOfMatter = (deps: Pick<Deps, 'config'>, ex: Executor, county: string, id: string) =>
  repo.partiesOf(ex, county, piiCipher(deps.config), id);
export const timelineOfMatter = (ex: Executor, countyCode: string, id: string) =>
  repo.timelineOf(ex, countyCode, id);
export const attachmentsOfMatter = (ex: Executor, county: string, id: string) =>
  attachments.ofMatter(ex, county, id);
export const attachmentOfMatter = (ex: Executor, county: string, matterId: string, id: string) =>
  attachments.byId(ex, county, matterId, id);
export const liveDeadlinesOf = (ex: Executor, county: string, id: string) =>
  deadlines.liveDeadlines(ex, county, id);

/**
 * The matter a staff member who works matters asks for: 403 for a role that never works matters,
 * then 404 alike for missing and outside the jurisdiction (CONVENTIONS 7). For the other modules
 * that act on a matter (court docking, agreements).
 */
export async function workedMatter(deps: Deps, actor: Actor, id: string): Promise<MatterRow> {
  if (!can(actor.roles, 'matter.work')) throw new AppError('FORBIDDEN');
  const m = await repo.byId(deps.database.db, actor.countyCode, id);
  if (!m || !canSeeMatter(actor, m)) throw new AppError('NOT_FOUND');
  return m;
}

/**
 * Running deadlines whose date is 暂定: of one county or all, through one year or any. All counties
 * are counted county by county (a reference table lists them), each a statement on one shard.
 */
export async function countProvisional(deps: Deps, countyCode: string | null, year?: number) {
  const db = deps.database.db;
  let n = 0;
  for (const county of countyCode ? [countyCode] : await countyCodes(deps)) {
    n += await deadlines.countProvisional(db, county, year);
  }
  return n;
}
