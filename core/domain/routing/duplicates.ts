/**
 * Duplicate and related-matter hints at intake (研判: "is this already with us?"). The clerk decides: a
 * match is shown with its reasons, never merged automatically. People are compared by hashes only (the
 * server hashes ID numbers and phones with a keyed hash), so this module never sees personal data.
 *
 * The server chooses the candidates (same county, a bounded time range); this module scores them.
 * Same person: any ID-number hash or phone hash in common, at any time in the candidate set. Same place and
 * category: same grid, else same village, else points close together, within a window. The 30-day window,
 * the 100 m radius and the weights are our own choice (no source; low confidence), hence options.
 */
import type { Position } from '../geo/geometry';
import type { Level } from '../orgs';

export interface PersonHashes {
  idNumberHash?: string | null;
  phoneHash?: string | null;
}

export interface IntakePlace {
  gridId?: string | null;
  villageId?: string | null;
  /** [longitude, latitude], WGS84. */
  point?: Position | null;
}

export interface IntakeFacts {
  people: readonly PersonHashes[];
  place: IntakePlace;
  categoryCode?: string | null;
  createdAt: Date;
}

export interface DuplicateCandidate extends IntakeFacts {
  id: string;
  code?: string;
  status: string;
  level: Level;
}

export type MatchReasonCode =
  | 'same_id_number'
  | 'same_phone'
  | 'same_grid_category'
  | 'same_village_category'
  | 'nearby_category';

export interface MatchReason {
  code: MatchReasonCode;
  text: string;
}

export interface DuplicateMatch {
  candidateId: string;
  candidateCode?: string;
  status: string;
  level: Level;
  /** 0–1, combined from the reasons' weights; for ordering, not a probability. */
  score: number;
  reasons: MatchReason[];
}

export interface DuplicateOptions {
  /** Same place and category counts only within this many days of each other. Default 30. */
  windowDays?: number;
  /** Points closer than this (metres) count as the same place. Default 100. */
  nearMetres?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_DAYS = 30;
export const DEFAULT_NEAR_METRES = 100;

const weights: Record<MatchReasonCode, number> = {
  same_id_number: 0.7,
  // A phone is often shared in a family or used by a grid worker for several people: weaker than an ID.
  same_phone: 0.5,
  same_grid_category: 0.4,
  nearby_category: 0.35,
  same_village_category: 0.3,
};

const MS_PER_DAY = 86_400_000;
const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function hashesOf(people: readonly PersonHashes[], key: keyof PersonHashes): Set<string> {
  const out = new Set<string>();
  for (const p of people) {
    const v = p[key];
    if (v) out.add(v);
  }
  return out;
}

function sharesAny(a: Set<string>, b: Set<string>): boolean {
  for (const v of a) if (b.has(v)) return true;
  return false;
}

function placeReason(a: IntakePlace, b: IntakePlace, nearMetres: number): MatchReason | undefined {
  if (a.gridId && a.gridId === b.gridId) return { code: 'same_grid_category', text: '同一网格' };
  if (a.villageId && a.villageId === b.villageId)
    return { code: 'same_village_category', text: '同一村（社区）' };
  if (a.point && b.point) {
    const d = distanceMetres(a.point, b.point);
    if (d <= nearMetres) return { code: 'nearby_category', text: `相距约${Math.round(d)}米` };
  }
  return undefined;
}

/** Candidates that look like the same or a related matter, strongest first (then newest, then by id). */
export function findDuplicates(
  matter: IntakeFacts,
  candidates: readonly DuplicateCandidate[],
  options: DuplicateOptions = {},
): DuplicateMatch[] {
  const windowDays = options.windowDays ?? DEFAULT_DUPLICATE_WINDOW_DAYS;
  const nearMetres = options.nearMetres ?? DEFAULT_NEAR_METRES;
  if (!(windowDays >= 0) || !(nearMetres >= 0)) throw new RangeError('windowDays and nearMetres must be ≥ 0');
  const ids = hashesOf(matter.people, 'idNumberHash');
  const phones = hashesOf(matter.people, 'phoneHash');
  const matches: (DuplicateMatch & { createdAt: number })[] = [];
  for (const c of candidates) {
    const reasons: MatchReason[] = [];
    if (sharesAny(ids, hashesOf(c.people, 'idNumberHash'))) {
      reasons.push({ code: 'same_id_number', text: '同一当事人（身份证号相同）' });
    }
    if (sharesAny(phones, hashesOf(c.people, 'phoneHash'))) {
      reasons.push({ code: 'same_phone', text: '同一联系电话' });
    }
    const gapDays = Math.abs(matter.createdAt.getTime() - c.createdAt.getTime()) / MS_PER_DAY;
    if (matter.categoryCode && matter.categoryCode === c.categoryCode && gapDays <= windowDays) {
      const place = placeReason(matter.place, c.place, nearMetres);
      if (place) {
        const days = Math.floor(gapDays);
        const when = days === 0 ? '同一天登记' : `相隔${days}天`;
        reasons.push({ code: place.code, text: `${place.text}、同一类别，${when}（${windowDays}日内）` });
      }
    }
    if (reasons.length === 0) continue;
    const score = 1 - reasons.reduce((miss, r) => miss * (1 - weights[r.code]), 1);
    matches.push({
      candidateId: c.id,
      ...(c.code ? { candidateCode: c.code } : {}),
      status: c.status,
      level: c.level,
      score: Math.round(score * 1000) / 1000,
      reasons,
      createdAt: c.createdAt.getTime(),
    });
  }
  matches.sort(
    (a, b) => b.score - a.score || b.createdAt - a.createdAt || (a.candidateId < b.candidateId ? -1 : 1),
  );
  return matches.map(({ createdAt: _createdAt, ...m }) => m);
}

const levelRank: Record<Level, number> = { village: 0, town: 1, district: 2 };

export interface PetitionCandidate {
  kind: string;
  level: Level;
  /** When the earlier petition was accepted; null if it was not (yet). */
  acceptedAt: Date | null;
  /** When its handling ended (opinion served, closed, channelled …); null while it is being handled. */
  closedAt: Date | null;
  /** The end of its handling period (信访工作条例 art. 34: 60 days, extended ≤ 30), as stored. */
  dueAt: Date | null;
}

export interface PetitionCheck {
  /** True: the higher body does not accept the same petition again. */
  applies: boolean;
  reason: string;
}

/**
 * 信访工作条例 art. 19(3): a petition already accepted or being handled, brought again by the petitioner
 * within the prescribed period to a body above the one handling it, is not accepted by that higher body.
 * The caller has established that it is the same petition (same petitioner, same matter).
 * Once the period has run out the higher body may accept and supervise (art. 40); once the first petition
 * is answered, the way up is review (复查, art. 35), not a new petition.
 */
export function petitionAlreadyHandled(
  candidate: PetitionCandidate,
  newLevel: Level,
  receivedAt: Date,
): PetitionCheck {
  if (candidate.kind !== 'petition') return { applies: false, reason: '原事项不是信访事项。' };
  if (!candidate.acceptedAt) return { applies: false, reason: '原信访事项尚未受理。' };
  if (candidate.closedAt && candidate.closedAt.getTime() <= receivedAt.getTime()) {
    return {
      applies: false,
      reason:
        '原信访事项已办结；对处理意见不服的，可以自收到书面答复之日起30日内请求复查（信访工作条例第三十五条）。',
    };
  }
  if (levelRank[newLevel] <= levelRank[candidate.level]) {
    return {
      applies: false,
      reason: '不是向原办理机关的上级提出，不适用第十九条第三款；可以按重复件并入原事项。',
    };
  }
  if (!candidate.dueAt) {
    return { applies: false, reason: '原信访事项没有登记办理期限，无法判断是否在规定期限内，请人工核实。' };
  }
  if (receivedAt.getTime() > candidate.dueAt.getTime()) {
    return {
      applies: false,
      reason: '原信访事项已超过办理期限仍未办结，上级可以依法受理并督办（信访工作条例第四十条）。',
    };
  }
  return {
    applies: true,
    reason: '同一信访事项已由下级受理、正在规定期限内办理，上级机关不予受理（信访工作条例第十九条第三款）。',
  };
}
