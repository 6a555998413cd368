/**
 * The one intake every entry point ends in: checks, routing, the duplicate search, then the matter,
 * its parties, its first clocks, the one-time notice and the event in one transaction (with whatever
 * the entry point writes alongside), and the per-matter risk rule after the commit.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IntakeBody } from '../../../../core/contracts/matters';
import { oneTimeNotice } from '../../../../core/domain/catalog/service-catalog';
import { ruleForClock } from '../../../../core/domain/clock-rules';
import { clocksOf, isHandlingBasis } from '../../../../core/domain/matters/clocks';
import { formatMatterCode, formatTrackingSecret } from '../../../../core/domain/matters/code';
import { isCollective } from '../../../../core/domain/matters/collective';
import type { Actor as LifecycleActor } from '../../../../core/domain/matters/commands';
import { registerMatter } from '../../../../core/domain/matters/lifecycle';
import type { CourtOrigin, MatterState } from '../../../../core/domain/matters/model';
import { checkReceipt } from '../../../../core/domain/matters/receipt';
import type { Level } from '../../../../core/domain/orgs';
import { routeMatter, routingFactsFor } from '../../../../core/domain/routing/rules';
import {
  computeDue,
  type DeadlineRule,
  type DueResult,
  provisionalNoteOf,
  statutoryRules,
  toLocalDate,
  type WorkCalendar,
} from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { withStampedCaches } from '../../db/stamped-cache';
import { piiCipher } from '../../pii/pii-cipher';
import { workCalendar } from '../calendar/calendar-cache';
import { countyCatalog } from '../config/catalog.service';
import { countyPolicies } from '../config/policies.service';
import { routingRulesFor } from '../config/routing-rules.service';
import { recordEvent } from '../events/events.service';
import { getOrgRow, type OrgRow, orgByDivisionCode } from '../orgs/orgs.service';
import { applyClockChanges } from './deadline-effects';
import { runAfterIntake } from './hooks';
import type { IntakeAlongside, IntakeOutcome } from './intake.service';
import { resolvePlace, routedOwner, validateIntake } from './intake-checks';
import { likelyDuplicates } from './intake-duplicates';
import * as repo from './matters.repo';
import { orgRefOf } from './org-refs';
import { piiHash } from './pii';
import { canSeeMatter } from './visibility';

/** PostgreSQL's undefined_table (42P01), as pg or Drizzle (in `cause`) reports it. */
function promisedDue(
  rule: { amount: number; unit: string; basis: string },
  name: string,
  now: Date,
  cal: WorkCalendar,
): DueResult {
  const statutory = statutoryRules[rule.basis];
  const r: DeadlineRule = statutory ?? {
    basis: rule.basis,
    label: name,
    amount: rule.amount,
    unit: rule.unit as DeadlineRule['unit'],
    startRule: 'next_day',
    rollOverIfRestDay: true,
    citation: '服务事项目录',
  };
  return computeDue(r, now, cal);
}

/**
 * What the 一次性告知单 promises is what the 受理告知书 will promise (docs/LEGAL.md §11.7). For a petition
 * that is whether it is accepted, on the intake clock (XF art. 23), which the service item names; for
 * every other kind it is the end of handling, counted on the handling clock's own rule (the county's
 * local limit for the owner's level, LD-14 …) from today, as the acceptance will count it when the
 * matter is accepted at the window. Null: the item's own period stands.
 */
async function handlingPromise(
  ex: Executor,
  countyCode: string,
  state: MatterState,
  now: Date,
  cal: WorkCalendar,
): Promise<{
  due: DueResult;
  promise: { amount: number; unit: DeadlineRule['unit']; commitment: string };
} | null> {
  if (state.kind === 'petition') return null;
  const clock = clocksOf({ ...state, status: 'handling' }).find((c) => isHandlingBasis(c.basis));
  if (!clock) return null;
  const rule = ruleForClock(clock.basis, await countyPolicies(ex, countyCode));
  return {
    due: computeDue(rule, now, cal),
    promise: { amount: rule.amount, unit: rule.unit, commitment: '办结并答复您' },
  };
}

interface Who {
  owner: OrgRow | null;
  district?: OrgRow;
  actor: Actor | null;
  staff: boolean;
  court?: CourtOrigin;
  alongside?: IntakeAlongside;
}

/**
 * Every entry point's intake. Org rows and configuration documents come from the stamped caches
 * (db/stamped-cache.ts): read once per request to check they are current, not a dozen times.
 */
export function registerIntake(
  deps: Deps,
  ctx: RequestCtx,
  body: IntakeBody,
  who: Who,
): Promise<IntakeOutcome> {
  return withStampedCaches(() => register(deps, ctx, body, who));
}

async function register(deps: Deps, ctx: RequestCtx, body: IntakeBody, who: Who): Promise<IntakeOutcome> {
  const now = deps.clock.now();
  const countyCode = who.owner?.countyCode ?? who.district!.countyCode;
  const [catalog, calendar] = await Promise.all([
    countyCatalog(deps.database.db, countyCode),
    workCalendar(deps, countyCode),
  ]);
  const { category, service, applicantCount } = validateIntake(body, catalog);
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : null;
  if (receivedAt) {
    const bad = checkReceipt(
      { receivedAt, evidence: body.receiptEvidence, staff: who.staff && who.actor !== null },
      now,
      deps.config.receiptMaxDaysBack,
    );
    if (bad) throw new AppError('UNPROCESSABLE', bad.message, { reason: bad.code });
  }
  // The clocks run from 收到之日 (信访工作条例 art. 22–23), which is registration unless a clerk dated it.
  const clockStart = receivedAt ?? now;
  const place = await resolvePlace(deps, countyCode, body.place);
  const collective = isCollective(applicantCount);
  const facts = routingFactsFor(
    {
      kind: body.kind,
      categoryCode: body.categoryCode,
      riskGrade: body.riskGrade,
      flags: { collective, urgent: body.urgent === true },
      receivedAt: (who.owner?.level as Level | undefined) ?? undefined,
    },
    catalog.categories,
  );
  const { version: rulesVersion, rules } = await routingRulesFor(deps.database.db, countyCode);
  const route = routeMatter(rules, facts);
  const district = who.district ?? (await orgByDivisionCode(deps, countyCode));
  if (!district) throw new AppError('INTERNAL');
  const owner = who.owner ?? (await routedOwner(deps, route.level, route.department, place, district));
  const complained = body.complainedOrgId ? await getOrgRow(deps, body.complainedOrgId) : undefined;
  if (body.complainedOrgId && (!complained || complained.countyCode !== countyCode)) {
    throw new AppError('VALIDATION_FAILED', '被反映单位不在本县（区）。');
  }

  const { candidates, matches } = await likelyDuplicates(deps, countyCode, body, place, now);

  const ownerRef = orgRefOf(owner);
  const lifecycleActor: LifecycleActor = who.actor
    ? { type: 'staff', userId: who.actor.userId, roles: who.actor.roles, org: ownerRef }
    : who.court
      ? { type: 'system', job: 'court' }
      : { type: 'resident', userId: null };
  const matterId = randomUUID();
  // A petitioner who wrote or came to a window follows his petition online too (信访工作条例 art. 21(2):
  // 方便信访人查询、评价), and asks for 复查/复核 there: he gets a query code when he gave a phone.
  const petitionerPhone = body.parties.some((p) => p.role === 'applicant' && p.phone);
  const trackable = !who.staff || (who.actor !== null && body.kind === 'petition' && petitionerPhone);
  const secret = trackable ? formatTrackingSecret(new Uint8Array(randomBytes(16))) : null;

  let code = '';
  let written: IntakeOutcome['written'] | null = null;
  const year = Number(toLocalDate(now).slice(0, 4));
  const write = async (tx: Tx) => {
    code = formatMatterCode({ countyCode, year, seq: await repo.reserveMatterNumbers(tx, countyCode, year) });
    const reg = registerMatter(
      {
        code,
        kind: body.kind,
        owner: ownerRef,
        urgent: body.urgent,
        labourDispute: category.labourDispute,
        ...(who.court ? { court: who.court } : {}),
      },
      { now, actor: lifecycleActor },
    );
    if (!reg.ok)
      throw new AppError(reg.httpStatus === 403 ? 'FORBIDDEN' : 'UNPROCESSABLE', reg.message, {
        reason: reg.code,
      });
    const applicantPhone = body.parties.find((p) => p.role === 'applicant' && p.phone)?.phone;
    const matter = await repo.insertMatter(tx, {
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
      riskGrade: facts.riskGrade ?? 'yellow',
      urgent: body.urgent === true,
      collective,
      applicantCount,
      protectPetitioner: category.protectPetitioner === true || !!complained,
      complainedOrgId: complained?.id ?? null,
      complainedOrgPath: complained?.path ?? null,
      ownerOrgId: owner.id,
      ownerPath: owner.path,
      ownerLevel: owner.level,
      intakeOrgId: owner.id,
      intakeLevel: owner.level,
      intakeUserId: who.actor?.userId ?? null,
      receivedAt,
      receiptEvidence: receivedAt ? (body.receiptEvidence?.trim() ?? null) : null,
      address: place.address,
      lng: place.lng,
      lat: place.lat,
      coordConvertedFrom: place.coordConvertedFrom,
      gridId: place.gridId,
      villageId: place.village?.id ?? null,
      townId: place.town?.id ?? null,
      routeRuleId: route.ruleId,
      routeReason: route.reason,
      state: reg.state,
      trackingSecretHash: secret ? createHash('sha256').update(secret).digest('hex') : null,
      contactPhoneHash: piiHash(deps.config.piiHashKey, 'phone', applicantPhone),
      createdAt: now,
      updatedAt: now,
    });
    const parties = await repo.insertParties(
      tx,
      piiCipher(deps.config),
      body.parties.map((p) => ({
        countyCode,
        id: randomUUID(),
        matterId,
        role: p.role,
        name: p.name,
        phone: p.phone ?? null,
        idNumber: p.idNumber?.toUpperCase() ?? null,
        phoneHash: piiHash(deps.config.piiHashKey, 'phone', p.phone),
        idHash: piiHash(deps.config.piiHashKey, 'id', p.idNumber),
        address: p.address ?? null,
        representative: p.representative === true,
        createdAt: now,
      })),
    );
    const deadlines = await applyClockChanges(
      tx,
      { countyCode, matterId, level: owner.level as Level, fresh: true },
      { start: reg.deadlines.start, stop: [], moved: [], pause: [], resume: [], extend: null },
      now,
      { calendar, startedAt: clockStart },
    );
    const notices: repo.NoticeRow[] = [];
    if (service) {
      const handling = await handlingPromise(tx, countyCode, reg.state, now, calendar);
      const due = handling?.due ?? promisedDue(service.timeLimit, service.name, clockStart, calendar);
      const notice = oneTimeNotice(service, {
        promisedDue: due.dueAt,
        promisedDueNote: due.provisionalYears.length ? provisionalNoteOf(due.explanation) : null,
        promise: handling?.promise ?? null,
        acceptingOrgName: owner.centerName ?? owner.name,
        matterCode: code,
        now,
      });
      const noticeRow = await repo.insertNotice(tx, {
        countyCode,
        id: randomUUID(),
        matterId,
        kind: 'one_time_notice',
        title: notice.title,
        body: { ...notice },
        servedAt: now,
        createdBy: who.actor?.userId ?? null,
      });
      notices.push(noticeRow);
    }
    const event = await recordEvent(tx, ctx, deps.clock, {
      countyCode,
      action: reg.event.name,
      objectType: 'matter',
      objectId: matterId,
      after: {
        code,
        kind: body.kind,
        channel: body.channel,
        categoryCode: body.categoryCode,
        ownerOrgId: owner.id,
        route: {
          ruleId: route.ruleId,
          rulesVersion,
          level: route.level,
          department: route.department ?? null,
        },
        collective,
        ...(receivedAt
          ? { receivedAt: receivedAt.toISOString(), receiptEvidence: body.receiptEvidence?.trim() }
          : {}),
        duplicates: matches.map((m) => m.candidateCode ?? m.candidateId),
        to: reg.state.status,
      },
    });
    await who.alongside?.(tx, { matterId, code, countyCode, trackingSecret: secret });
    written = { matter, rows: { deadlines, supervision: [], parties, notices, timeline: [event] } };
  };
  await deps.database.transaction(write);
  deps.kickSealer();
  // The consumers' after-commit steps (the per-matter risk rule), without holding the answer: a
  // failure there is logged and must not undo an intake the resident already has a code for.
  void runAfterIntake(deps, { countyCode, matterId });
  return {
    matterId,
    code,
    trackingSecret: secret,
    written: written!,
    // Only matters the clerk may see: a hint must not reveal matters, or that a phone or ID number
    // is a party, outside the jurisdiction (the matched codes are in the event log for the level above).
    duplicates: matches.flatMap((m) => {
      const c = candidates.find((x) => x.id === m.candidateId);
      if (!c || !who.actor || !canSeeMatter(who.actor, c)) return [];
      return [
        { id: c.id, code: c.code, title: c.title, status: c.status, reasons: m.reasons.map((r) => r.text) },
      ];
    }),
  };
}
