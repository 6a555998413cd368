/**
 * The parties' names by matter, which the audit trail masks (G4). They are matters' data, and matters
 * sits above events (issue 19), so events states the lookup here and the composition root
 * (server/src/matter-consumers.ts) plugs in matters' service.
 */
import type { Deps } from '../../context';

export type PartyNamesByMatter = (
  deps: Deps,
  county: string,
  matterIds: string[],
) => Promise<Map<string, string[]>>;

/** The port deps carries; a missing one is a wiring error (a Deps built without matter-consumers.ts). */
export function partyNamesByMatter(
  deps: Deps,
  county: string,
  matterIds: string[],
): Promise<Map<string, string[]>> {
  if (!deps.partyNamesByMatter) {
    throw new Error(
      '审计模块的依赖未接入：请用 wireMatterConsumers（server/src/matter-consumers.ts）组装 deps',
    );
  }
  return deps.partyNamesByMatter(deps, county, matterIds);
}
