/**
 * A county's versioned configuration documents — routing rules, local time limits, risk policies, the
 * catalog, notice templates, court docking, town entries, the calendar's county rest days — read and
 * saved one way. A save adds a version and never edits one; a stale base version is refused (someone
 * else saved in between); the event records who saved which version and what changed; the sealer is
 * woken once the transaction has committed. Readers take the latest version, so a save reaches every
 * instance on its next read.
 */
import { AppError } from '../../../../core/errors';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor } from '../../db/client';
import { write } from '../events/write';
import * as repo from './config.repo';

export const latestDocument = (ex: Executor, countyCode: string, name: string) =>
  repo.latest(ex, countyCode, name);

export interface DocumentSave {
  /** The document's name in `config_documents`. */
  name: string;
  /** How the administrator calls it, for the conflict message (事项目录, 分流规则 …). */
  label: string;
  /** The event's action, e.g. `config.catalog_saved`. */
  action: string;
  /** The version the administrator edited. */
  baseVersion: number;
  /**
   * Inside the transaction, after the version check: check the edit against what is stored now (the
   * latest version's body, null before the first save; throw an AppError to refuse the edit) and give
   * the body to store and what the event should say changed.
   */
  build: (
    tx: Executor,
    stored: unknown | null,
  ) => Promise<{
    body: unknown;
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
  }>;
}

/** Saves a new version of a county document; answers its number. */
export async function saveDocumentVersion(
  deps: Deps,
  ctx: RequestCtx,
  actor: Actor,
  save: DocumentSave,
): Promise<number> {
  const version = await write(deps, ctx, async ({ tx, event }) => {
    const row = await repo.latest(tx, actor.countyCode, save.name);
    const current = row?.version ?? 0;
    if (current !== save.baseVersion)
      throw new AppError('CONFLICT', `${save.label}已被他人修改（当前为第 ${current} 版），请刷新后再改。`);
    const { body, before, after } = await save.build(tx, row ? row.body : null);
    const next = current + 1;
    await repo.insertVersion(tx, {
      countyCode: actor.countyCode,
      name: save.name,
      version: next,
      body,
      createdAt: deps.clock.now(),
      createdBy: actor.userId,
    });
    await event({
      countyCode: actor.countyCode,
      action: save.action,
      objectType: 'config',
      objectId: save.name,
      before: { version: current, ...before },
      after: { version: next, ...after },
    });
    return next;
  });
  return version;
}
