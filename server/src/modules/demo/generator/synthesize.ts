/**
 * One generated matter as the app would have left it: the matter row with a lifecycle state that
 * `clocksOf` accepts, its parties, its deadline rows (the handling duty met or missed, and every clock
 * its current state must have, running), and a 督办 order where the handling duty ran late. The
 * rows use the same Drizzle shapes the app writes, so the app reads them like its own.
 */
import { randomUUID } from 'node:crypto';
import { categoriesForKind, categoryByCode } from '../../../../../core/domain/catalog/categories';
import { ruleForClock } from '../../../../../core/domain/clock-rules';
import { type Clock, clockKey, clocksOf, handleClock } from '../../../../../core/domain/matters/clocks';
import {
  initialPetition,
  type MatterKind,
  type MatterResolvedAnswer,
  type MatterState,
  type MatterStatus,
  type OrgRef,
  type RatingValue,
} from '../../../../../core/domain/matters/model';
import type { Level } from '../../../../../core/domain/orgs';
import {
  chineseDaysCalendar,
  computeDue,
  type DeadlineRule,
  warningAt,
} from '../../../../../core/domain/time-limits';
import type { deadlines, matterParties, matters, supervisionOrders } from '../../../db/schema';
import type { PiiCipher } from '../../../pii/pii-cipher';
import type { Policies } from '../../config/policies.service';
import { piiHash } from '../../matters/pii';
import {
  categoryBaseWeights,
  channelWeights,
  companies,
  escalationShare,
  givenChars,
  intakeLevelWeights,
  kindWeights,
  lateShare,
  type Rng,
  ratingWeights,
  riskWeights,
  seasonFactor,
  surnames,
} from './distributions';
import { textFor } from './texts';

export interface GenOrg {
  ref: OrgRef;
  name: string;
}
export interface GenVillage extends GenOrg {
  gridIds: string[];
}
export interface GenTown extends GenOrg {
  weight: number;
  villages: GenVillage[];
}
export interface GenCounty {
  countyCode: string;
  district: GenOrg;
  /** The 信访 bureau takes petitions at the district when there is one. */
  petitionBureau: GenOrg | null;
  towns: GenTown[];
}

export type MatterRow = typeof matters.$inferInsert;
export type PartyRow = typeof matterParties.$inferInsert;
export type DeadlineRow = typeof deadlines.$inferInsert;
export type SupervisionRow = typeof supervisionOrders.$inferInsert;

export interface Generated {
  matter: MatterRow;
  parties: PartyRow[];
  deadlines: DeadlineRow[];
  supervision: SupervisionRow[];
}

/** What an injected anomaly fixes about a matter; everything else is drawn as usual. */
export interface MatterSpec {
  createdAt: Date;
  code: string;
  kind?: MatterKind;
  categoryCode?: string;
  town?: GenTown;
  village?: GenVillage;
  applicant?: { name: string; phone: string };
  respondent?: string;
  text?: { title: string; description: string };
  collective?: boolean;
  /** An injected escalation case fixes where the matter stands at asOf (open) and, if rated, its rating. */
  status?: MatterStatus;
  rating?: RatingValue | null;
}

export interface SynthContext {
  county: GenCounty;
  policies: Policies;
  piiKey: string;
  cipher: PiiCipher;
  asOf: Date;
}

const DAY = 86_400_000;
const calendar = chineseDaysCalendar();
const byDistrict = (c: GenCounty): GenOrg => c.district;

/** The due instant on the working-day calendar (provisional past the holiday data, as in the app). */
function dueOf(rule: DeadlineRule, startedAt: Date): { dueAt: Date; explanation: string } {
  const d = computeDue(rule, startedAt, calendar);
  return { dueAt: d.dueAt, explanation: d.explanation };
}

function personName(r: Rng) {
  return r.pick(surnames) + r.pick(givenChars) + (r.chance(0.6) ? r.pick(givenChars) : '');
}
function phone(r: Rng) {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
}

/** Per kind and month, the leaf categories with their seasonal weights (built once: drawn a million times). */
const categoryTables = new Map<string, (readonly [string, number])[]>();
function categoryFor(r: Rng, kind: MatterKind, month: number): string {
  const key = `${kind}/${month}`;
  let table = categoryTables.get(key);
  if (!table) {
    const all = categoriesForKind(kind);
    table = all
      .filter((c) => !all.some((x) => x.parentCode === c.code))
      .map((c) => [c.code, (categoryBaseWeights[c.code] ?? 1) * seasonFactor(c.code, month)] as const);
    categoryTables.set(key, table);
  }
  return r.weighted(table);
}

function levelAboveOf(county: GenCounty, town: GenTown, level: Level): { org: GenOrg; level: Level } {
  return level === 'village' ? { org: town, level: 'town' } : { org: byDistrict(county), level: 'district' };
}

/** Local month (Asia/Shanghai) of an instant, 1–12. */
export function localMonth(d: Date): number {
  return new Date(d.getTime() + 8 * 3600_000).getUTCMonth() + 1;
}

export function synthesize(r: Rng, ctx: SynthContext, spec: MatterSpec): Generated {
  const { county, asOf } = ctx;
  const createdAt = spec.createdAt;
  const kind = spec.kind ?? r.weighted(kindWeights);
  const categoryCode = spec.categoryCode ?? categoryFor(r, kind, localMonth(createdAt));
  const category = categoryByCode(categoryCode)!;
  const channel = r.weighted(channelWeights[kind]);
  const town = spec.town ?? r.weighted(county.towns.map((t) => [t, t.weight] as const));
  const village = spec.village ?? r.pick(town.villages);
  const gridId = village.gridIds.length ? r.pick(village.gridIds) : null;

  // Intake: the village, the town, or the district (petitions at the 信访 bureau).
  const intakeLevel: Level =
    spec.village && kind !== 'petition' ? 'village' : r.weighted(intakeLevelWeights[kind]);
  const intakeOrg =
    intakeLevel === 'village'
      ? village
      : intakeLevel === 'town'
        ? town
        : kind === 'petition' && county.petitionBureau
          ? county.petitionBureau
          : county.district;
  let owner: GenOrg = intakeOrg;
  let ownerLevel = intakeLevel;
  if (kind !== 'consultation' && r.chance(escalationShare[ownerLevel])) {
    ({ org: owner, level: ownerLevel } = levelAboveOf(county, town, ownerLevel));
    if (ownerLevel === 'town' && r.chance(escalationShare.town))
      ({ org: owner, level: ownerLevel } = levelAboveOf(county, town, 'town'));
  }

  // How far it got, by age: recent matters are mostly open, old ones archived.
  const ageDays = (asOf.getTime() - createdAt.getTime()) / DAY;
  const pace = kind === 'petition' ? 30 : kind === 'consultation' ? 2 : 9;
  const open = r.chance(Math.exp(-ageDays / pace) * 0.9 + 0.0015);
  let status: MatterStatus;
  if (spec.status) {
    status = spec.status;
  } else if (open) {
    status = r.weighted<MatterStatus>([
      ['registered', kind === 'report' ? 0 : 10],
      ['handling', 70],
      ['mediating', kind === 'dispute' ? 15 : 0],
      ['answered', kind === 'consultation' || kind === 'report' ? 0 : 6],
      ['rated', kind === 'consultation' || kind === 'report' ? 0 : 4],
    ]);
  } else if (kind === 'consultation') {
    status = ageDays > 20 ? 'archived' : 'answered';
  } else if (kind === 'petition' && r.chance(0.1)) {
    status = 'channelled';
  } else if (kind === 'report' && r.chance(0.03)) {
    status = 'voided';
  } else if (ageDays > 45 || r.chance(0.5)) {
    status = 'archived';
  } else {
    status = r.weighted<MatterStatus>([
      ['answered', kind === 'report' ? 0 : 3],
      ['rated', kind === 'report' ? 0 : 3],
      ['followed_up', kind === 'report' ? 0 : 3],
      ['archived', kind === 'report' ? 1 : 0],
    ]);
  }
  const done = !['registered', 'handling', 'mediating'].includes(status);
  const mayRate = kind !== 'consultation' && kind !== 'report';
  const rated =
    mayRate && (status === 'rated' || status === 'followed_up' || (status === 'archived' && r.chance(0.72)));
  const rating = rated ? (spec.rating !== undefined ? spec.rating : r.weighted(ratingWeights)) : null;
  const reworkCount = done && (rating === 'unsatisfied' ? r.chance(0.5) : r.chance(0.03)) ? 1 : 0;

  // 事心双结: a visited matter carries the resident's two answers, which follow his rating: a grievance
  // often outlasts a solved matter, rarely the other way round.
  const visited = rated && (status === 'followed_up' || status === 'archived');
  const unhappy = rating === 'unsatisfied';
  const matterResolved = visited
    ? r.weighted<MatterResolvedAnswer>(
        unhappy
          ? [
              ['yes', 1],
              ['partly', 4],
              ['no', 5],
            ]
          : [
              ['yes', 17],
              ['partly', 2],
              ['no', 1],
            ],
      )
    : null;
  const followUp = matterResolved
    ? { matterResolved, heartResolved: r.chance(matterResolved === 'yes' ? 0.85 : unhappy ? 0.1 : 0.35) }
    : null;

  const collective = spec.collective ?? ((kind === 'petition' || kind === 'dispute') && r.chance(0.025));
  const state: MatterState = {
    code: spec.code,
    kind,
    status,
    owner: owner.ref,
    urgent: false,
    labourDispute: category.labourDispute,
    transfer: null,
    assignedBy: null,
    coHandlers: [],
    mediation:
      status === 'mediating'
        ? {
            initiative: 'application',
            mediatorId: null,
            chosenBy: 'org',
            sessions: r.int(0, 3),
            pausedSince: null,
            extensions: 0,
          }
        : null,
    mediationRefused: false,
    petition:
      kind === 'petition'
        ? done
          ? {
              ...initialPetition,
              stage: 'opinion',
              outcome: r.pick(['support', 'explain', 'not_support'] as const),
              deciderPath: owner.ref.path,
            }
          : initialPetition
        : null,
    extensionUsed: false,
    reworkCount,
    handlerUserId: null,
    followUp,
    archiveNo: status === 'archived' ? `GD-${spec.code}` : null,
  };

  // The handling duty (办理时限) at the final owner, started the day of intake.
  const handlingClock = handleClock({ ...state, status: 'handling' });
  const handlingRule = ruleForClock(handlingClock.basis, ctx.policies);
  const started = new Date(createdAt.getTime() + r.int(10, 240) * 60_000);
  const due = dueOf(handlingRule, started);
  const span = Math.max(DAY / 4, due.dueAt.getTime() - started.getTime());
  const late = r.chance(lateShare);
  let doneAt = new Date(
    started.getTime() + (late ? span * (1 + r.next() * 0.6) : span * (0.15 + r.next() * 0.8)),
  );
  if (doneAt > asOf) doneAt = new Date(asOf.getTime() - r.int(1, 600) * 60_000);
  const rows: DeadlineRow[] = [];
  const deadline = (
    c: Clock,
    rule: DeadlineRule,
    from: Date,
    dueAt: Date,
    explanation: string,
    stoppedAt: Date | null,
  ): DeadlineRow => {
    const overdue = stoppedAt === null ? asOf > dueAt : stoppedAt > dueAt;
    return {
      countyCode: county.countyCode,
      id: randomUUID(),
      matterId: '',
      clockKey: clockKey(c),
      basis: c.basis,
      orgId: c.orgId,
      label: rule.label,
      citation: rule.citation,
      startedAt: from,
      dueAt,
      warnAt: warningAt(from, dueAt, ctx.policies.local.warningFraction.value),
      explanation,
      rule,
      status: stoppedAt ? (overdue ? 'missed' : 'met') : 'running',
      stoppedAt,
      overdueAt: overdue ? dueAt : null,
      warnedAt: overdue ? dueAt : null,
      createdAt: from,
    };
  };
  const handlingOpen = status === 'handling' || status === 'mediating';
  const handlingRow = deadline(
    handlingClock,
    handlingRule,
    started,
    due.dueAt,
    due.explanation,
    handlingOpen ? null : done ? doneAt : null,
  );
  if (status !== 'registered') rows.push(handlingRow);
  // Every other clock the current state must have, running since the last step.
  const since = done ? doneAt : started;
  for (const c of clocksOf(state)) {
    if (rows.some((d) => d.clockKey === clockKey(c))) continue;
    const rule = ruleForClock(c.basis, ctx.policies);
    const from = status === 'registered' ? createdAt : since;
    const d = dueOf(rule, from);
    rows.push(deadline(c, rule, from, d.dueAt, d.explanation, null));
  }

  const supervision: SupervisionRow[] = [];
  const handlingLate = status !== 'registered' && handlingRow.overdueAt !== null;
  if (handlingLate && r.chance(0.6)) {
    const issuedAt = new Date(handlingRow.dueAt!.getTime() + r.int(1, 3) * DAY);
    if (issuedAt < asOf) {
      const issuer = levelAboveOf(county, town, ownerLevel === 'district' ? 'town' : ownerLevel).org;
      const answerDue = new Date(issuedAt.getTime() + 5 * DAY);
      const answeredAt = done
        ? r.chance(0.8)
          ? new Date(issuedAt.getTime() + r.int(1, 4) * DAY)
          : doneAt
        : null;
      handlingRow.supervisedAt = issuedAt;
      supervision.push({
        countyCode: county.countyCode,
        id: randomUUID(),
        matterId: '',
        deadlineId: handlingRow.id,
        reason: 'overdue',
        note: null,
        issuedByOrgId: issuer.ref.id,
        issuedByUserId: null,
        targetOrgId: owner.ref.id,
        dueAt: answerDue,
        answeredAt: answeredAt && answeredAt < asOf ? answeredAt : null,
        answer: answeredAt && answeredAt < asOf ? '已按督办要求办理并反馈。' : null,
        createdAt: issuedAt,
      });
    }
  }

  const id = randomUUID();
  for (const d of rows) d.matterId = id;
  for (const s of supervision) s.matterId = id;
  const archivedAt =
    status === 'archived'
      ? new Date(Math.min(asOf.getTime() - 60_000, doneAt.getTime() + r.int(2, 20) * DAY))
      : null;
  const applicant = spec.applicant ?? { name: personName(r), phone: phone(r) };
  const place = `${town.name}${village.name}`;
  const text = spec.text ?? textFor(categoryCode, r.pick, place);
  const parties: PartyRow[] = [
    {
      countyCode: county.countyCode,
      id: randomUUID(),
      matterId: id,
      role: 'applicant',
      name: ctx.cipher.seal('name', applicant.name)!,
      phone: ctx.cipher.seal('phone', applicant.phone),
      idNumber: null,
      phoneHash: piiHash(ctx.piiKey, 'phone', applicant.phone),
      idHash: null,
      address: ctx.cipher.seal('address', `${place}${r.int(1, 9)}组`),
      representative: collective,
      createdAt,
    },
  ];
  if (kind === 'dispute' || spec.respondent) {
    parties.push({
      countyCode: county.countyCode,
      id: randomUUID(),
      matterId: id,
      role: 'respondent',
      name: ctx.cipher.seal('name', spec.respondent ?? (r.chance(0.2) ? r.pick(companies) : personName(r)))!,
      phone: null,
      idNumber: null,
      phoneHash: null,
      idHash: null,
      address: null,
      representative: false,
      createdAt,
    });
  }
  const lastStep = archivedAt ?? (done ? doneAt : started);
  const matter: MatterRow = {
    countyCode: county.countyCode,
    id,
    code: spec.code,
    kind,
    channel,
    categoryCode,
    serviceCode: null,
    title: text.title,
    description: text.description,
    status,
    riskGrade: collective ? 'orange' : r.weighted(riskWeights),
    urgent: false,
    collective,
    applicantCount: collective ? r.int(5, 30) : 1,
    protectPetitioner: category.protectPetitioner === true,
    complainedOrgId: null,
    complainedOrgPath: null,
    ownerOrgId: owner.ref.id,
    ownerPath: owner.ref.path,
    ownerLevel,
    pendingOrgId: null,
    pendingPath: null,
    intakeOrgId: intakeOrg.ref.id,
    intakeLevel,
    intakeUserId: null,
    address: `${place}${r.int(1, 9)}组`,
    lng: null,
    lat: null,
    gridId,
    villageId: village.ref.id,
    townId: town.ref.id,
    routeRuleId: null,
    routeReason: null,
    state,
    trackingSecretHash: null,
    contactPhoneHash: piiHash(ctx.piiKey, 'phone', applicant.phone),
    rating,
    reworkCount,
    archiveNo: state.archiveNo,
    version: 1,
    createdAt,
    updatedAt: lastStep,
    closedAt: archivedAt,
  };
  return { matter, parties, deadlines: rows, supervision };
}
