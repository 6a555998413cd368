/**
 * Ground truth for the escalation rule (core/domain/risk/escalation.rule.ts). The rule looks at the
 * matters open now and guesses whose applicant will escalate, so its truth is about the future: the
 * generator decides, at its asOf, that the applicants of K open matters WILL escalate within the next
 * 60 days (the future petition itself is not written). Their warning signals are drawn from a stated
 * model, not set to what the rule wants, so some cases carry weak signals and the rule can miss them.
 * Decoys are drawn from the very same model but their applicants do not escalate: they are controlled
 * false alarms on top of the background matters, which already hold overdue and unsatisfied ones.
 *
 * Because cases and decoys share one model, the signals cannot tell them apart: the measure says how
 * the rule separates this kind of matter from the background, under these assumed probabilities.
 */
import { toLocalDate } from '../../../../../core/domain/time-limits';
import type { InjectedAnomaly } from './anomalies';
import { givenChars, type Rng, surnames } from './distributions';
import type { GenCounty, MatterSpec } from './synthesize';

const DAY = 86_400_000;

/** The assumed signal model, printed by the risk bench so a reader sees what the measure rests on. */
export const escalationModel = {
  horizonDays: 60,
  /** Rated (so it can carry a rating) rather than still being handled. */
  rated: 0.3,
  /** A rated matter's rating is 不满意; otherwise 基本满意 or 满意. */
  unsatisfiedIfRated: 0.5,
  /**
   * The matter is old (90–180 days) rather than fresh (1–4 days): an old matter still handled is past
   * its handling limit, an old rated one past its follow-up limit, so this is the overdue signal.
   */
  old: 0.5,
  /** Earlier matters of the same applicant (same phone) in the year before it: 0, 1, 2, 3. */
  priors: [0.35, 0.3, 0.2, 0.15] as const,
  /**
   * An orange category (a dispute over wages, land, pollution, medical care…). The built-in catalog
   * has no red category, so red never occurs here; otherwise a yellow-category petition or dispute.
   */
  orangeCategory: 0.4,
};

const orangeDisputes = ['MED-07-01', 'MED-07-02', 'MED-08', 'MED-09', 'MED-12', 'MED-16'];
const yellowPetitions = ['PET-01', 'PET-02', 'PET-03'];
const yellowDisputes = ['MED-01-01', 'MED-02', 'MED-04', 'MED-05', 'MED-10', 'MED-13'];

export interface InjectedEscalations {
  specs: Omit<MatterSpec, 'code'>[];
  /** The escalation cases (kind 'escalation'). */
  truth: InjectedAnomaly[];
  /** Decoys, same shape: their applicants do not escalate, so they are not truth. */
  decoys: InjectedAnomaly[];
}

export function injectEscalations(
  r: Rng,
  county: GenCounty,
  asOf: Date,
  cases: number,
  decoys: number,
): InjectedEscalations {
  const m = escalationModel;
  const specs: Omit<MatterSpec, 'code'>[] = [];
  const draw = (escalates: boolean): InjectedAnomaly => {
    const town = r.pick(county.towns);
    const village = r.pick(town.villages);
    const orange = r.chance(m.orangeCategory);
    const kind = orange || r.chance(0.5) ? ('dispute' as const) : ('petition' as const);
    const categoryCode = r.pick(
      orange ? orangeDisputes : kind === 'dispute' ? yellowDisputes : yellowPetitions,
    );
    const rated = r.chance(m.rated);
    const ageDays = r.chance(m.old) ? r.int(90, 180) : r.int(1, 4);
    const createdAt = new Date(asOf.getTime() - ageDays * DAY - r.int(60, 600) * 60_000);
    const applicant = {
      name: r.pick(surnames) + r.pick(givenChars) + r.pick(givenChars),
      phone: `137${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
    };
    const idx = [
      specs.push({
        createdAt,
        kind,
        categoryCode,
        town,
        village,
        applicant,
        collective: false,
        status: rated ? 'rated' : 'handling',
        rating: rated
          ? r.chance(m.unsatisfiedIfRated)
            ? 'unsatisfied'
            : r.pick(['satisfied', 'basically_satisfied'] as const)
          : null,
      }) - 1,
    ];
    // Earlier matters of the same applicant within the rule's trailing year, each before this one;
    // what they were about and where they stand now is drawn as for any matter.
    const priors = r.weighted(m.priors.map((p, n) => [n, p] as const));
    const earliest = Math.max(asOf.getTime() - 360 * DAY, createdAt.getTime() - 300 * DAY);
    for (let k = 0; k < priors; k++) {
      const at = earliest + r.next() * (createdAt.getTime() - DAY - earliest);
      idx.push(specs.push({ createdAt: new Date(at), town, village, applicant }) - 1);
    }
    const iso = createdAt.toISOString();
    return {
      kind: 'escalation',
      villageId: village.ref.id,
      categoryCode,
      from: iso,
      to: iso,
      specIndexes: idx,
      ...(escalates
        ? { escalatesOn: toLocalDate(new Date(asOf.getTime() + r.int(1, m.horizonDays) * DAY)) }
        : {}),
    };
  };
  const truth = Array.from({ length: cases }, () => draw(true));
  const made = Array.from({ length: decoys }, () => draw(false));
  return { specs, truth, decoys: made };
}
