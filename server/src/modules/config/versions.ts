/**
 * The version history of a config document for the administrator's console: which version, when, and
 * who saved it (by name; the account may since have been renamed or disabled, the name is today's).
 */
import type { Executor } from '../../db/client';
import { displayNameOf } from '../users/users.service';
import * as repo from './config.repo';

export interface VersionEntry {
  version: number;
  at: string;
  by: string | null;
}

export async function versionHistory(
  ex: Executor,
  countyCode: string,
  name: string,
): Promise<VersionEntry[]> {
  const rows = await repo.versions(ex, countyCode, name);
  const names = new Map<string, string | null>();
  for (const r of rows) {
    if (r.createdBy && !names.has(r.createdBy)) names.set(r.createdBy, await displayNameOf(ex, r.createdBy));
  }
  return rows.map((r) => ({
    version: r.version,
    at: r.createdAt.toISOString(),
    by: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
  }));
}
