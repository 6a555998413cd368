/**
 * The countable facts behind every dashboard figure, defined once. A KPI is always a formula over
 * these counters (formulas.ts), never over rows directly, because the counters are additive: the
 * figure for a county is the sum of its towns' counters, and the rollup tables the dashboard reads
 * (server/src/modules/dashboard) store exactly these counters per month × town × category × kind ×
 * channel × intake level. The SQL that fills the rollups mirrors `matterMeasures` and
 * `dueMeasures` column for column; a module test checks the two agree on generated data.
 * docs/KPI.md states each definition in words.
 */

import type {
  Channel,
  MatterKind,
  MatterResolvedAnswer,
  MatterStatus,
  PetitionEnding,
  RatingValue,
} from '../matters/model';
import type { Level } from '../orgs';

/** Handling is over (办结): answered to the resident, or closed by a formal outcome, or archived. */
export const doneStatuses = [
  'answered',
  'rated',
  'followed_up',
  'reviewing',
  'reexamining',
  'archived',
  'not_accepted',
  'channelled',
  'mediated',
  'withdrawn',
  'voided',
  'referred_to_court',
] as const satisfies readonly MatterStatus[];

/**
 * Done without settling the matter here: refused, channelled into another procedure, withdrawn by the
 * petitioner (his reason may be anything, so a withdrawal is not counted as 化解), voided, sent to
 * court, or reopened by review. A petition settled by a mediation agreement (mediated) is resolved.
 */
export const notResolvedStatuses = [
  'not_accepted',
  'channelled',
  'withdrawn',
  'voided',
  'referred_to_court',
  'reviewing',
  'reexamining',
] as const satisfies readonly MatterStatus[];

/** Channels by which a resident reaches an office directly (not a referral, a court or a grid worker). */
export const directChannels = ['walk_in', 'letter', 'phone', 'online'] as const satisfies readonly Channel[];

export interface MatterFacts {
  kind: MatterKind;
  channel: Channel;
  status: MatterStatus;
  intakeLevel: Level;
  ownerLevel: Level;
  rating: RatingValue | null;
  /** Who gave the rating: the resident, or staff on the resident's behalf (phone, visit); null before. */
  ratedBy?: 'resident' | 'staff_on_behalf' | null;
  reworkCount: number;
  collective: boolean;
  /** The place of the matter lies in a village (so there was a village and a town below the district). */
  hasVillage: boolean;
  /** At least one 督办 order was issued on it. */
  supervised: boolean;
  /** How a petition ended other than by an opinion (kept through archiving: `state.petition.ending`). */
  petitionEnding?: PetitionEnding | null;
  /** The follow-up's answers (事心双结, `state.followUp`); null before the visit and on older visits. */
  followUpMatter?: MatterResolvedAnswer | null;
  followUpHeart?: boolean | null;
}

export const matterCounterNames = [
  'intake',
  'open',
  'done',
  'resolved',
  'rated',
  'satisfied',
  'unsatisfied',
  'ratedOnBehalf',
  'satisfiedOnBehalf',
  'reworked',
  'followedUp',
  'followUpAnswered',
  'bothResolved',
  'villageStartedDone',
  'villageClosedInVillage',
  'townReachedDone',
  'townClosedInTown',
  'escalated',
  'collective',
  'skippedLevel',
  'supervised',
  'petitionDone',
  'petitionMediated',
  'petitionWithdrawn',
] as const;
export type MatterCounterName = (typeof matterCounterNames)[number];
export type MatterCounters = Record<MatterCounterName, number>;

const rank: Record<Level, number> = { village: 0, town: 1, district: 2 };
const has = <T extends string>(list: readonly T[], v: string): boolean =>
  (list as readonly string[]).includes(v);

export function emptyMatterCounters(): MatterCounters {
  return Object.fromEntries(matterCounterNames.map((n) => [n, 0])) as MatterCounters;
}

/** What one matter adds to each counter (0 or 1). A merged matter lives on in the survivor: it adds nothing. */
export function matterMeasures(m: MatterFacts): MatterCounters {
  const c = emptyMatterCounters();
  if (m.status === 'merged') return c;
  const done = has(doneStatuses, m.status);
  // A withdrawn petition stays unresolved once archived too (its ending is kept, its status is not).
  const resolved =
    done &&
    !has(notResolvedStatuses, m.status) &&
    m.rating !== 'unsatisfied' &&
    m.petitionEnding !== 'withdrawal';
  c.intake = 1;
  c.open = done ? 0 : 1;
  c.done = done ? 1 : 0;
  c.resolved = resolved ? 1 : 0;
  c.rated = m.rating ? 1 : 0;
  c.satisfied = m.rating === 'satisfied' || m.rating === 'basically_satisfied' ? 1 : 0;
  c.unsatisfied = m.rating === 'unsatisfied' ? 1 : 0;
  // Ratings staff recorded for the resident are counted apart: the resident's own word weighs more.
  const onBehalf = m.rating !== null && m.ratedBy === 'staff_on_behalf';
  c.ratedOnBehalf = onBehalf ? 1 : 0;
  c.satisfiedOnBehalf = onBehalf && c.satisfied ? 1 : 0;
  c.reworked = m.reworkCount > 0 ? 1 : 0;
  // Follow-up only comes after a rating, and archiving keeps the rating: a rated archived matter was visited.
  c.followedUp = m.status === 'followed_up' || (m.status === 'archived' && m.rating !== null) ? 1 : 0;
  // 事心双结: only visits that recorded both answers count; older visits asked neither.
  const answered = !!m.followUpMatter && typeof m.followUpHeart === 'boolean';
  c.followUpAnswered = answered ? 1 : 0;
  c.bothResolved = answered && m.followUpMatter === 'yes' && m.followUpHeart === true ? 1 : 0;
  const villageStarted = m.intakeLevel === 'village';
  c.villageStartedDone = villageStarted && done ? 1 : 0;
  c.villageClosedInVillage = villageStarted && done && m.ownerLevel === 'village' ? 1 : 0;
  const reachedTown = m.intakeLevel === 'town' || (m.intakeLevel === 'village' && m.ownerLevel !== 'village');
  c.townReachedDone = reachedTown && done ? 1 : 0;
  c.townClosedInTown = reachedTown && done && m.ownerLevel === 'town' ? 1 : 0;
  c.escalated = rank[m.ownerLevel] > rank[m.intakeLevel] ? 1 : 0;
  c.collective = m.collective ? 1 : 0;
  c.skippedLevel =
    m.kind === 'petition' && m.intakeLevel === 'district' && m.hasVillage && has(directChannels, m.channel)
      ? 1
      : 0;
  c.supervised = m.supervised ? 1 : 0;
  // Petitions that ended other than by an opinion are counted apart (信访工作条例 art. 33; docs/LEGAL.md §1.31–1.32).
  const petitionDone = m.kind === 'petition' && done;
  c.petitionDone = petitionDone ? 1 : 0;
  c.petitionMediated = petitionDone && m.petitionEnding === 'mediation' ? 1 : 0;
  c.petitionWithdrawn = petitionDone && m.petitionEnding === 'withdrawal' ? 1 : 0;
  return c;
}

/** A handling deadline (办理时限) or a 督办 order's answer deadline, as the on-time figures see it. */
export interface DueFacts {
  dueAt: Date | null;
  /** When the duty ended (deadline stopped, order answered); null while it runs. */
  endedAt: Date | null;
}

export const dueCounterNames = ['onTime', 'late', 'openOverdue'] as const;
export type DueCounterName = (typeof dueCounterNames)[number];
export type DueCounters = Record<DueCounterName, number>;

/**
 * One duty's contribution as of `asOf`. A duty still running before its due instant has not fallen due
 * and adds nothing; one running past it is overdue and counts against the on-time rate, exactly like
 * one finished late.
 */
export function dueMeasures(d: DueFacts, asOf: Date): DueCounters {
  const c: DueCounters = { onTime: 0, late: 0, openOverdue: 0 };
  if (!d.dueAt) return c;
  if (d.endedAt) {
    if (d.endedAt.getTime() <= d.dueAt.getTime()) c.onTime = 1;
    else c.late = 1;
  } else if (asOf.getTime() > d.dueAt.getTime()) c.openOverdue = 1;
  return c;
}

/** The bases of the handling clocks: what 按期办结 is about (defined with the clocks). */
export { handlingBases } from '../matters/clocks';

export function addCounters<T extends Record<string, number>>(a: T, b: T): T {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof T)[]) out[k] = ((a[k] ?? 0) + (b[k] ?? 0)) as T[keyof T];
  return out;
}
