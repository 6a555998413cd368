/**
 * An archived matter is closed for every write (人民调解法 art. 27 立卷归档; docs/LEGAL.md §11.6): this
 * hook is the one place that says so. It runs before the handler of every staff route that changes
 * something on one matter (any method but GET/HEAD whose path names `matters/:id`), in whichever
 * module the route lives, so a route added later is covered without remembering to. Reads, printing
 * and downloads stay open; so does everything under the resident's tracking code, which only the
 * lifecycle answers (no step leaves `archived`).
 *
 * It answers only people who can see the matter; anyone else goes on to the handler's own 404, so
 * the refusal tells nobody outside the jurisdiction that the id exists.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { confirmationWindowRule } from '../../../../core/domain/court/docking';
import { computeDue } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { piiCipher } from '../../pii/pii-cipher';
import { workCalendar } from '../calendar/calendar-cache';
import { recentWinner } from './actions.service';
import type { MatterRow } from './matters.repo';
import * as repo from './matters.repo';
import { portsOf } from './ports';
import { canSeeMatter } from './visibility';

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes that stay open after the archive, each for a right the law gives beyond the file's closing.
 * The parties may apply for judicial confirmation within 30 days of the agreement taking effect
 * (人民调解法 art. 33, RT-33); archiving the mediation file does not shorten that window. The
 * application is the parties' and goes to the court; the court service checks the window itself.
 */
export const openAfterArchive = new Set(['POST /api/matters/:id/court/confirmation']);

/**
 * The one write on an archived matter that adds no new fact to the closed file but completes what that
 * application needs: the application carries each party's 身份证明 (司法确认规定 art. 3; docs/LEGAL.md
 * §11.6), so a party whose ID number was never taken may have it completed while the RT-33 window is
 * open. Exactly that: a PATCH of one party whose body is an ID number and nothing else, the party has
 * none on file (an ID on file is never changed after the archive), and the matter has an agreement in
 * effect whose 30 days have not run out. The service writes it with `afterArchive` in its event.
 * Both this hook and the parties service ask here, so the rule is stated once.
 */
export const identityCompletionRoute = 'PATCH /api/matters/:id/parties/:partyId';

export async function completesIdForConfirmation(
  deps: Deps,
  ex: Executor,
  m: Pick<MatterRow, 'id' | 'countyCode' | 'status'>,
  partyId: unknown,
  body: unknown,
): Promise<boolean> {
  if (m.status !== 'archived' || typeof partyId !== 'string') return false;
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body).filter((k) => (body as Record<string, unknown>)[k] !== undefined);
  const idNumber = (body as { idNumber?: unknown }).idNumber;
  if (keys.length !== 1 || keys[0] !== 'idNumber' || typeof idNumber !== 'string') return false;
  const party = (await repo.partiesOf(ex, m.countyCode, piiCipher(deps.config), m.id)).find(
    (p) => p.id === partyId,
  );
  if (!party || party.idNumber) return false;
  const agreedAt = await portsOf(deps).mediation.agreementEffectiveAt(ex, m.countyCode, m.id);
  if (!agreedAt) return false;
  const due = computeDue(confirmationWindowRule, agreedAt, await workCalendar(deps, m.countyCode, ex));
  return deps.clock.now().getTime() <= due.dueAt.getTime();
}

/** Whether the route writes to the one matter named by its `:id` parameter. */
export function writesOneMatter(method: string, url: string): boolean {
  return (
    !reads.has(method) && /(^|\/)matters\/:id(\/|$)/.test(url) && !openAfterArchive.has(`${method} ${url}`)
  );
}

async function refuseArchived(deps: Deps, req: FastifyRequest) {
  if (!writesOneMatter(req.method, req.routeOptions.url ?? '')) return;
  const id = (req.params as { id?: unknown }).id;
  const actor = req.ctx?.actor;
  if (typeof id !== 'string' || !actor) return;
  const m = await repo.byId(deps.database.db, actor.countyCode, id);
  if (m?.status === 'archived' && canSeeMatter(actor, m)) {
    if (
      `${req.method} ${req.routeOptions.url}` === identityCompletionRoute &&
      (await completesIdForConfirmation(
        deps,
        deps.database.db,
        m,
        (req.params as { partyId?: unknown }).partyId,
        req.body,
      ))
    )
      return;
    // Like a lifecycle refusal, it names whoever acted last if recent (docs/SECURITY.md G16).
    const winner = await recentWinner(deps.database.db, m, actor, deps.clock.now());
    throw new AppError(
      'MATTER_ARCHIVED',
      winner ? `该事项已归档，只能查看，不能再修改或补充（${winner.phrase}）。` : undefined,
      { reason: 'ARCHIVED_READ_ONLY', archiveNo: m.archiveNo, ...(winner ? { winner: winner.name } : {}) },
    );
  }
}

export const archivedGuardPlugin = fp(async (app: FastifyInstance, { deps }: { deps: Deps }) => {
  app.addHook('preHandler', async (req) => refuseArchived(deps, req));
});
