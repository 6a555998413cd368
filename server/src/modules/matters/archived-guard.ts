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
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import { recentWinner } from './actions.service';
import * as repo from './matters.repo';
import { canSeeMatter } from './visibility';

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes that stay open after the archive, each for a right the law gives beyond the file's closing.
 * The parties may apply for judicial confirmation within 30 days of the agreement taking effect
 * (人民调解法 art. 33, RT-33); archiving the mediation file does not shorten that window. The
 * application is the parties' and goes to the court; the court service checks the window itself.
 */
export const openAfterArchive = new Set(['POST /api/matters/:id/court/confirmation']);

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
  const m = await repo.byId(deps.database.db, id);
  if (m?.status === 'archived' && canSeeMatter(actor, m)) {
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
