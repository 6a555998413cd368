/**
 * Intake as a plan (issues 19 and 20): given what the server has read and checked (the catalog's
 * category and service item, the place, the route, the owner, the county's calendar and policies, the
 * matter's number), what to write: the matter row, its parties, its first clocks, the 一次性告知单 and
 * the event, or the lifecycle's refusal. No I/O: ids and keyed hashes come from the caller, so the
 * server persists the plan in one statement and a test checks it without a database.
 */
import type { IntakeBody } from '../../contracts/matters';
import { type OneTimeNotice, oneTimeNotice, type ServiceItem } from '../catalog/service-catalog';
import { type LifecyclePolicies, ruleForClock } from '../clock-rules';

import {
  computeDue,
  type DeadlineRule,
  type DueResult,
  type LocalPolicies,
  provisionalNoteOf,
  statutoryRules,
  type WorkCalendar,
  warningAt,
} from '../time-limits';
import { type Clock, clockKey, clocksOf, isHandlingBasis } from './clocks';
import type { Actor } from './commands';
import { registerMatter } from './lifecycle';
import type { CourtOrigin, MatterState, OrgRef } from './model';
import type { Refusal } from './refusals';

export interface PlanOrg {
  id: string;
  path: string;
  level: string;
  name: string;
  centerName?: string | null;
  ref: OrgRef;
}

export interface IntakePlanInput {
  now: Date;
  /** 收到之日: the clocks count from it (a clerk's receipt date, else registration). */
  clockStart: Date;
  receivedAt: Date | null;
  countyCode: string;
  code: string;
  body: IntakeBody;
  category: { labourDispute?: boolean; protectPetitioner?: boolean };
  service: ServiceItem | null;
  applicantCount: number;
  collective: boolean;
  riskGrade: string;
  owner: PlanOrg;
  complained: { id: string; path: string } | null;
  place: {
    address: string | null;
    lng: number | null;
    lat: number | null;
    coordConvertedFrom: 'gcj02' | null;
    gridId: string | null;
    villageId: string | null;
    townId: string | null;
  };
  route: { ruleId: string | null; reason: string; level: string; department?: string | null };
  rulesVersion: number | null;
  /** The matched duplicates (codes or ids), named in the event for the level above. */
  duplicates: string[];
  actor: Actor;
  userId: string | null;
  court?: CourtOrigin;
  calendar: WorkCalendar;
  policies: { local: LocalPolicies; lifecycle: LifecyclePolicies };
  trackingSecretHash: string | null;
  ids: { matter: string; next: () => string };
  /** The keyed hash of a phone or ID number (server/src/modules/matters/pii.ts). */
  hash: (kind: 'phone' | 'id', value: string | null | undefined) => string | null;
}

export interface IntakePlan {
  ok: true;
  state: MatterState;
  matter: Record<string, unknown> & { id: string; code: string; status: string; countyCode: string };
  parties: (Record<string, unknown> & { id: string; role: string; name: string })[];
  deadlines: (Record<string, unknown> & { id: string; clockKey: string; dueAt: Date | null })[];
  notice: (Record<string, unknown> & { id: string; body: OneTimeNotice }) | null;
  event: { action: string; objectId: string; after: Record<string, unknown> };
}

/** What the item promises when the handling clock does not: its own period, or the statute's. */
function itemDue(rule: ServiceItem['timeLimit'], name: string, from: Date, cal: WorkCalendar): DueResult {
  const r: DeadlineRule = statutoryRules[rule.basis] ?? {
    basis: rule.basis,
    label: name,
    amount: rule.amount,
    unit: rule.unit as DeadlineRule['unit'],
    startRule: 'next_day',
    rollOverIfRestDay: true,
    citation: '服务事项目录',
  };
  return computeDue(r, from, cal);
}

/**
 * What the 一次性告知单 promises is what the 受理告知书 will promise (docs/LEGAL.md §11.7). For a petition
 * that is whether it is accepted, on the intake clock (XF art. 23), which the service item names; for
 * every other kind it is the end of handling, counted on the handling clock's own rule (the county's
 * local limit for the owner's level, LD-14 …) from today, as the acceptance will count it when the
 * matter is accepted at the window. Null: the item's own period stands.
 */
export function handlingPromise(
  state: MatterState,
  policies: IntakePlanInput['policies'],
  now: Date,
  cal: WorkCalendar,
): { due: DueResult; promise: { amount: number; unit: DeadlineRule['unit']; commitment: string } } | null {
  if (state.kind === 'petition') return null;
  const clock = clocksOf({ ...state, status: 'handling' }).find((c) => isHandlingBasis(c.basis));
  if (!clock) return null;
  const rule = ruleForClock(clock.basis, policies);
  return {
    due: computeDue(rule, now, cal),
    promise: { amount: rule.amount, unit: rule.unit, commitment: '办结并答复您' },
  };
}

/** The first clocks' rows, counted from `from` on the county's calendar and policies. */
export function firstClocks(
  clocks: Clock[],
  input: Pick<IntakePlanInput, 'countyCode' | 'now' | 'calendar' | 'policies'> & {
    matterId: string;
    from: Date;
    nextId: () => string;
  },
): IntakePlan['deadlines'] {
  return clocks.map((c) => {
    const rule = ruleForClock(c.basis, input.policies);
    const due = computeDue(rule, input.from, input.calendar, { pauses: [], extensions: [], asOf: input.now });
    return {
      countyCode: input.countyCode,
      id: input.nextId(),
      matterId: input.matterId,
      clockKey: clockKey(c),
      basis: c.basis,
      orgId: c.orgId,
      label: rule.label,
      citation: rule.citation,
      startedAt: input.from,
      dueAt: due.dueAt,
      warnAt: warningAt(input.from, due.dueAt, input.policies.local.warningFraction.value),
      explanation: due.explanation,
      provisionalYears: due.provisionalYears,
      rule,
      status: 'running',
      createdAt: input.now,
    };
  });
}

export function planIntake(i: IntakePlanInput): IntakePlan | Refusal {
  const { body, now, owner, countyCode, code } = i;
  const matterId = i.ids.matter;
  const reg = registerMatter(
    {
      code,
      kind: body.kind,
      owner: owner.ref,
      urgent: body.urgent,
      labourDispute: i.category.labourDispute,
      ...(i.court ? { court: i.court } : {}),
    },
    { now, actor: i.actor },
  );
  if (!reg.ok) return reg;
  const applicantPhone = body.parties.find((p) => p.role === 'applicant' && p.phone)?.phone;
  const receiptEvidence = i.receivedAt ? (body.receiptEvidence?.trim() ?? null) : null;
  const matter = {
    countyCode,
    id: matterId,
    code,
    kind: body.kind,
    channel: body.channel,
    categoryCode: body.categoryCode,
    serviceCode: body.serviceCode ?? null,
    title: body.title,
    description: body.description,
    status: reg.state.status,
    riskGrade: i.riskGrade,
    urgent: body.urgent === true,
    collective: i.collective,
    applicantCount: i.applicantCount,
    protectPetitioner: i.category.protectPetitioner === true || !!i.complained,
    complainedOrgId: i.complained?.id ?? null,
    complainedOrgPath: i.complained?.path ?? null,
    ownerOrgId: owner.id,
    ownerPath: owner.path,
    ownerLevel: owner.level,
    intakeOrgId: owner.id,
    intakeLevel: owner.level,
    intakeUserId: i.userId,
    receivedAt: i.receivedAt,
    receiptEvidence,
    ...i.place,
    routeRuleId: i.route.ruleId,
    routeReason: i.route.reason,
    state: reg.state,
    trackingSecretHash: i.trackingSecretHash,
    contactPhoneHash: i.hash('phone', applicantPhone),
    createdAt: now,
    updatedAt: now,
  };
  const parties = body.parties.map((p) => ({
    countyCode,
    id: i.ids.next(),
    matterId,
    role: p.role,
    name: p.name,
    phone: p.phone ?? null,
    idNumber: p.idNumber?.toUpperCase() ?? null,
    phoneHash: i.hash('phone', p.phone),
    idHash: i.hash('id', p.idNumber),
    address: p.address ?? null,
    representative: p.representative === true,
    createdAt: now,
  }));
  const deadlines = firstClocks(reg.deadlines.start, {
    countyCode,
    now,
    calendar: i.calendar,
    policies: i.policies,
    matterId,
    from: i.clockStart,
    nextId: i.ids.next,
  });
  let notice: IntakePlan['notice'] = null;
  if (i.service) {
    const handling = handlingPromise(reg.state, i.policies, now, i.calendar);
    const due = handling?.due ?? itemDue(i.service.timeLimit, i.service.name, i.clockStart, i.calendar);
    const body1 = oneTimeNotice(i.service, {
      promisedDue: due.dueAt,
      promisedDueNote: due.provisionalYears.length ? provisionalNoteOf(due.explanation) : null,
      promise: handling?.promise ?? null,
      acceptingOrgName: owner.centerName ?? owner.name,
      matterCode: code,
      now,
    });
    notice = {
      countyCode,
      id: i.ids.next(),
      matterId,
      kind: 'one_time_notice',
      title: body1.title,
      body: { ...body1 },
      servedAt: now,
      createdBy: i.userId,
    };
  }
  return {
    ok: true,
    state: reg.state,
    matter,
    parties,
    deadlines,
    notice,
    event: {
      action: reg.event.name,
      objectId: matterId,
      after: {
        code,
        kind: body.kind,
        channel: body.channel,
        categoryCode: body.categoryCode,
        ownerOrgId: owner.id,
        route: {
          ruleId: i.route.ruleId,
          rulesVersion: i.rulesVersion,
          level: i.route.level,
          department: i.route.department ?? null,
        },
        collective: i.collective,
        ...(i.receivedAt
          ? { receivedAt: i.receivedAt.toISOString(), receiptEvidence: body.receiptEvidence?.trim() }
          : {}),
        duplicates: i.duplicates,
        to: reg.state.status,
      },
    },
  };
}
