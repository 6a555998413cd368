/**
 * The one intake every entry point ends in: the reads and checks (catalog, receipt, place, routing,
 * owner, the duplicate search), then the plan of what to write (core/domain/matters/intake-plan.ts:
 * the matter, its parties, its first clocks, the one-time notice and the event), written in one
 * statement (intake-persist.ts; in one transaction with whatever the entry point writes alongside),
 * and the per-matter risk rule after the commit.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IntakeBody } from '../../../../core/contracts/matters';
import { formatMatterCode, formatTrackingSecret } from '../../../../core/domain/matters/code';
import { isCollective } from '../../../../core/domain/matters/collective';
import type { Actor as LifecycleActor } from '../../../../core/domain/matters/commands';
import { planIntake } from '../../../../core/domain/matters/intake-plan';
import type { CourtOrigin } from '../../../../core/domain/matters/model';
import { checkReceipt } from '../../../../core/domain/matters/receipt';
import type { Level } from '../../../../core/domain/orgs';
import { routeMatter, routingFactsFor } from '../../../../core/domain/routing/rules';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Actor, Deps, RequestCtx } from '../../context';
import { withStampedCaches } from '../../db/stamped-cache';
import { piiCipher } from '../../pii/pii-cipher';
import { workCalendar } from '../calendar/calendar-cache';
import { countyCatalog } from '../config/catalog.service';
import { countyPolicies } from '../config/policies.service';
import { routingRulesFor } from '../config/routing-rules.service';
import { eventRowOf } from '../events/events.service';
import { getOrgRow, type OrgRow, orgByDivisionCode } from '../orgs/orgs.service';
import { runAfterIntake } from './hooks';
import type { IntakeAlongside, IntakeOutcome } from './intake.service';
import { resolvePlace, routedOwner, validateIntake } from './intake-checks';
import { likelyDuplicates } from './intake-duplicates';
import { persistIntake } from './intake-persist';
import { nextMatterNumber } from './matter-numbers';
import { orgRefOf } from './org-refs';
import { piiHash } from './pii';
import { canSeeMatter } from './visibility';

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
  return withStampedCaches(() => register(deps, ctx, body, who), ctx.stamps);
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

  const year = Number(toLocalDate(now).slice(0, 4));
  const code = formatMatterCode({
    countyCode,
    year,
    seq: await nextMatterNumber(deps.database, countyCode, year),
  });
  const plan = planIntake({
    now,
    clockStart,
    receivedAt,
    countyCode,
    code,
    body,
    category,
    service: service ?? null,
    applicantCount,
    collective,
    riskGrade: facts.riskGrade ?? 'yellow',
    owner: { ...owner, ref: ownerRef },
    complained: complained ? { id: complained.id, path: complained.path } : null,
    place: {
      address: place.address,
      lng: place.lng,
      lat: place.lat,
      coordConvertedFrom: place.coordConvertedFrom,
      gridId: place.gridId,
      villageId: place.village?.id ?? null,
      townId: place.town?.id ?? null,
    },
    route,
    rulesVersion,
    duplicates: matches.map((m) => m.candidateCode ?? m.candidateId),
    actor: lifecycleActor,
    userId: who.actor?.userId ?? null,
    ...(who.court ? { court: who.court } : {}),
    calendar,
    policies: await countyPolicies(deps.database.db, countyCode),
    trackingSecretHash: secret ? createHash('sha256').update(secret).digest('hex') : null,
    ids: { matter: matterId, next: randomUUID },
    hash: (kind, value) => piiHash(deps.config.piiHashKey, kind, value),
  });
  if (!plan.ok)
    throw new AppError(plan.httpStatus === 403 ? 'FORBIDDEN' : 'UNPROCESSABLE', plan.message, {
      reason: plan.code,
    });
  const event = eventRowOf(ctx, deps.clock, {
    countyCode,
    action: plan.event.action,
    objectType: 'matter',
    objectId: matterId,
    after: plan.event.after,
  });
  const cipher = piiCipher(deps.config);
  // One statement, atomic on its own; an entry point's own write alongside needs the transaction.
  const alongside = who.alongside;
  const saved = alongside
    ? await deps.database.transaction(async (tx) => {
        const out = await persistIntake(tx, cipher, plan, event);
        await alongside(tx, { matterId, code, countyCode, trackingSecret: secret });
        return out;
      })
    : await persistIntake(deps.database.db, cipher, plan, event);
  const written: IntakeOutcome['written'] = {
    matter: saved.matter,
    rows: {
      deadlines: saved.deadlines,
      supervision: [],
      parties: saved.parties,
      notices: saved.notices,
      timeline: [saved.event],
    },
  };
  deps.kickSealer();
  // The consumers' after-commit steps (the per-matter risk rule), without holding the answer: a
  // failure there is logged and must not undo an intake the resident already has a code for.
  void runAfterIntake(deps, { countyCode, matterId });
  return {
    matterId,
    code,
    trackingSecret: secret,
    written,
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
