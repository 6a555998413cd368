/**
 * The matters a new one may repeat (同一事项重复反映): the county's matters of the last 30 days with a
 * party of the same phone or ID number, or of the same category in the same village, weighed by
 * core/domain/routing/duplicates. Only keyed hashes of phone and ID numbers are compared.
 */
import type { IntakeBody } from '../../../../core/contracts/matters';
import type { Level } from '../../../../core/domain/orgs';
import { findDuplicates } from '../../../../core/domain/routing/duplicates';
import type { Deps } from '../../context';
import type { Place } from './intake-checks';
import * as repo from './matters.repo';
import { piiHash } from './pii';

export async function likelyDuplicates(
  deps: Deps,
  countyCode: string,
  body: IntakeBody,
  place: Place,
  now: Date,
) {
  const hashes = body.parties
    .flatMap((p) => [
      piiHash(deps.config.piiHashKey, 'phone', p.phone),
      piiHash(deps.config.piiHashKey, 'id', p.idNumber),
    ])
    .filter((h): h is string => !!h);
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const candidates = await repo.duplicateCandidates(
    deps.database.db,
    countyCode,
    hashes,
    place.village?.id ?? null,
    body.categoryCode,
    since,
  );
  const candHashes = await repo.partyHashesOf(
    deps.database.db,
    countyCode,
    candidates.map((c) => c.id),
  );
  const matches = findDuplicates(
    {
      people: body.parties.map((p) => ({
        phoneHash: piiHash(deps.config.piiHashKey, 'phone', p.phone),
        idNumberHash: piiHash(deps.config.piiHashKey, 'id', p.idNumber),
      })),
      place: {
        gridId: place.gridId,
        villageId: place.village?.id ?? null,
        point: place.lng !== null && place.lat !== null ? [place.lng, place.lat] : null,
      },
      categoryCode: body.categoryCode,
      createdAt: now,
    },
    candidates.map((c) => ({
      id: c.id,
      code: c.code,
      status: c.status,
      level: c.ownerLevel as Level,
      people: candHashes
        .filter((h) => h.matterId === c.id)
        .map((h) => ({ phoneHash: h.phoneHash, idNumberHash: h.idHash })),
      place: {
        gridId: c.gridId,
        villageId: c.villageId,
        point: c.lng !== null && c.lat !== null ? [c.lng, c.lat] : null,
      },
      categoryCode: c.categoryCode,
      createdAt: c.createdAt,
    })),
  );

  return { candidates, matches };
}
