/**
 * Intake (受理登记) at one window: a clerk, a grid worker or a resident online. The org that takes the
 * matter in owns it (首问负责) until another org signs for it; staff register for their own org, and
 * the routing rules say where it should go ("why here"). Online intake has no window, so the rules
 * pick the owner. One code for life (一案一码); residents get a tracking secret once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IntakeBody } from '../../../../core/contracts/matters';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import type { CountyCatalogLists } from '../../../../core/domain/catalog/county-catalog';
import { oneTimeNotice } from '../../../../core/domain/catalog/service-catalog';
import { formatMatterCode, formatTrackingSecret } from '../../../../core/domain/matters/code';
import { checkRepresentatives, isCollective } from '../../../../core/domain/matters/collective';
import type { Actor as LifecycleActor } from '../../../../core/domain/matters/commands';
import { registerMatter } from '../../../../core/domain/matters/lifecycle';
import type { CourtOrigin } from '../../../../core/domain/matters/model';
import type { Level } from '../../../../core/domain/orgs';
import { findDuplicates } from '../../../../core/domain/routing/duplicates';
import { routeMatter, routingFactsFor } from '../../../../core/domain/routing/rules';
import {
  chineseDaysCalendar,
  computeDue,
  type DeadlineRule,
  statutoryRules,
  toLocalDate,
} from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requireActor } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { countyCatalog } from '../config/catalog.service';
import { routingRulesFor } from '../config/routing-rules.service';
import { recordEvent } from '../events/events.service';
import { placeOfPoint } from '../grids/grids.service';
import { getOrgRow, type OrgRow, orgByDivisionCode, searchChildren } from '../orgs/orgs.service';
import { assessOnIntake } from '../risk/run.service';
import { applyClockChanges } from './deadline-effects';
import * as repo from './matters.repo';
import { orgRefOf } from './org-refs';
import { piiHash, validIdNumber } from './pii';
import { canSeeMatter } from './visibility';

const intakeRoles = ['clerk', 'handler', 'leader', 'dept_liaison', 'grid_worker'];

export interface Place {
  countyCode: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  gridId: string | null;
  village: OrgRow | null;
  town: OrgRow | null;
}

async function resolvePlace(deps: Deps, countyCode: string, p: IntakeBody['place']): Promise<Place> {
  const base = { countyCode, address: p.address ?? null, lng: p.lng ?? null, lat: p.lat ?? null };
  if (p.lng !== undefined && p.lat !== undefined) {
    const hit = await placeOfPoint(deps, p.lng, p.lat);
    if (!hit || hit.countyCode !== countyCode)
      throw new AppError('OUTSIDE_COUNTY', '事发地点不在本县（区）范围内，请核对位置。');
    const village = (await getOrgRow(deps, hit.grid.village.id)) ?? null;
    const town = (await getOrgRow(deps, hit.grid.town.id)) ?? null;
    return { ...base, gridId: hit.grid.id, village, town };
  }
  if (p.villageId) {
    const village = await getOrgRow(deps, p.villageId);
    if (village?.kind !== 'village' || village.countyCode !== countyCode) {
      throw new AppError('VALIDATION_FAILED', '请选择本县（区）的村（社区）。');
    }
    const town = village.parentId ? ((await getOrgRow(deps, village.parentId)) ?? null) : null;
    return { ...base, gridId: null, village, town };
  }
  return { ...base, gridId: null, village: null, town: null };
}

/** Checks the body against the county's catalog in force (its own version, or the shipped one). */
function validate(body: IntakeBody, catalog: CountyCatalogLists) {
  const category = categoryByCode(body.categoryCode, catalog.categories);
  if (!category) throw new AppError('VALIDATION_FAILED', `未知的事项类别：${body.categoryCode}`);
  // Retired categories stay on the matters filed under them, but take no new ones.
  if (category.retired)
    throw new AppError('CATEGORY_RETIRED', `事项类别“${category.name}”已停用，请选择其他类别。`, {
      categoryCode: category.code,
    });
  if (!category.kinds.includes(body.kind)) {
    throw new AppError('VALIDATION_FAILED', `类别“${category.name}”不适用于所选事项类型。`);
  }
  for (const p of body.parties) {
    if (p.idNumber && !validIdNumber(p.idNumber)) {
      throw new AppError('VALIDATION_FAILED', `身份证号码 ${p.idNumber.slice(0, 6)}…校验位不正确，请核对。`);
    }
  }
  const applicants = body.parties.filter((p) => p.role === 'applicant');
  if (applicants.length === 0) throw new AppError('VALIDATION_FAILED', '至少填写一位反映人（申请人）。');
  const applicantCount = Math.max(body.applicantCount ?? applicants.length, applicants.length);
  const reps = checkRepresentatives({
    channel: body.channel,
    applicantCount,
    representativeCount: applicants.filter((p) => p.representative).length,
  });
  if (reps) throw new AppError('UNPROCESSABLE', reps.message, { reason: reps.code });
  const service = body.serviceCode ? catalog.services.find((i) => i.code === body.serviceCode) : undefined;
  if (body.serviceCode && !service)
    throw new AppError('VALIDATION_FAILED', `未知的服务事项：${body.serviceCode}`);
  if (service?.retired)
    throw new AppError('SERVICE_RETIRED', `服务事项“${service.name}”已停止办理，请选择其他服务事项。`, {
      serviceCode: service.code,
    });
  return { category, service, applicantCount };
}

/** PostgreSQL's undefined_table (42P01), as pg or Drizzle (in `cause`) reports it. */
function isUndefinedTable(e: unknown): boolean {
  const codeOf = (x: unknown) =>
    x && typeof x === 'object' && 'code' in x ? (x as { code: unknown }).code : null;
  return codeOf(e) === '42P01' || codeOf((e as { cause?: unknown } | null)?.cause) === '42P01';
}

function promisedDue(rule: { amount: number; unit: string; basis: string }, name: string, now: Date): Date {
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
  return computeDue(r, now, chineseDaysCalendar()).dueAt;
}

export interface IntakeOutcome {
  matterId: string;
  code: string;
  trackingSecret: string | null;
  duplicates: { id: string; code: string; title: string; status: string; reasons: string[] }[];
}

/** Staff intake at the actor's own window. */
export async function intakeByStaff(deps: Deps, ctx: RequestCtx, body: IntakeBody): Promise<IntakeOutcome> {
  const actor = requireActor(ctx);
  if (!actor.roles.some((r) => intakeRoles.includes(r)) || !actor.orgId) {
    throw new AppError('FORBIDDEN', '您的角色不能登记事项。');
  }
  const org = await getOrgRow(deps, actor.orgId);
  if (!org) throw new AppError('FORBIDDEN');
  if (body.kind === 'report' && !actor.roles.includes('grid_worker')) {
    throw new AppError('VALIDATION_FAILED', '网格上报事件由网格员上报；窗口登记请选择其他事项类型。');
  }
  return intake(deps, ctx, body, { owner: org, actor, staff: true });
}

/** What another intake path (Open311) writes in the intake's own transaction, so both land or neither. */
export type IntakeAlongside = (
  tx: Tx,
  matter: { matterId: string; code: string; countyCode: string },
) => Promise<void>;

/**
 * A task decided by a deliberative body (issue 7): registered as a real matter owned by the org the
 * decision names, so it runs the ordinary lifecycle and time limits and sits in that org's queue.
 * `alongside` runs inside the intake transaction (the link back to the meeting commits with the matter).
 * The caller (deliberation.service) has already checked who may decide and for which org.
 */
export async function intakeForDecision(
  deps: Deps,
  ctx: RequestCtx,
  owner: OrgRow,
  body: IntakeBody,
  alongside: IntakeAlongside,
): Promise<IntakeOutcome> {
  const actor = requireActor(ctx);
  return intake(deps, ctx, body, { owner, actor, staff: true, alongside });
}

/** Online intake by a resident without an account: routed by the rules, answered with a tracking secret. */
export async function intakeOnline(
  deps: Deps,
  ctx: RequestCtx,
  countyCode: string,
  body: IntakeBody,
  alongside?: IntakeAlongside,
) {
  if (body.kind === 'report')
    throw new AppError('VALIDATION_FAILED', '群众反映的问题请按诉求或矛盾纠纷提交。');
  const phone = body.parties.find((p) => p.role === 'applicant' && p.phone)?.phone;
  if (!phone) throw new AppError('VALIDATION_FAILED', '请填写反映人的手机号码，用于查询办理进度。');
  const district = await orgByDivisionCode(deps, countyCode);
  if (!district) throw new AppError('NOT_FOUND', '未找到该县（区）。');
  return intake(
    deps,
    ctx,
    { ...body, channel: 'online' },
    { owner: null, district, actor: null, staff: false, alongside },
  );
}

/**
 * A mediation the court sent (委托/委派, docs/COURT-API.md): registered at the org the court chose,
 * by the system and not a person, with the court case written in the same transaction.
 */
export async function intakeFromCourt(
  deps: Deps,
  ctx: RequestCtx,
  org: OrgRow,
  body: IntakeBody,
  court: CourtOrigin,
  alongside: IntakeAlongside,
): Promise<IntakeOutcome> {
  return intake(
    deps,
    ctx,
    { ...body, channel: 'court' },
    { owner: org, actor: null, staff: true, court, alongside },
  );
}

async function routedOwner(
  deps: Deps,
  level: Level,
  department: string | undefined,
  place: Place,
  district: OrgRow,
) {
  if (level === 'village' && place.village) return place.village;
  if ((level === 'village' || level === 'town') && place.town) return place.town;
  if (level === 'district' && department) {
    const [dept] = await searchChildren(deps, district, department, 'department');
    if (dept) return dept;
  }
  return district;
}

async function intake(
  deps: Deps,
  ctx: RequestCtx,
  body: IntakeBody,
  who: {
    owner: OrgRow | null;
    district?: OrgRow;
    actor: Actor | null;
    staff: boolean;
    court?: CourtOrigin;
    alongside?: IntakeAlongside;
  },
): Promise<IntakeOutcome> {
  const now = deps.clock.now();
  const countyCode = who.owner?.countyCode ?? who.district!.countyCode;
  const catalog = await countyCatalog(deps.database.db, countyCode);
  const { category, service, applicantCount } = validate(body, catalog);
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

  const ownerRef = orgRefOf(owner);
  const lifecycleActor: LifecycleActor = who.actor
    ? { type: 'staff', userId: who.actor.userId, roles: who.actor.roles, org: ownerRef }
    : who.court
      ? { type: 'system', job: 'court' }
      : { type: 'resident', userId: null };
  const matterId = randomUUID();
  const secret = who.staff ? null : formatTrackingSecret(new Uint8Array(randomBytes(16)));

  let code = '';
  const year = Number(toLocalDate(now).slice(0, 4));
  await repo.ensureMatterSeq(deps.database.db, countyCode, year);
  const write = async (tx: Tx) => {
    code = formatMatterCode({ countyCode, year, seq: await repo.nextMatterSeq(tx, countyCode, year) });
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
    await repo.insertMatter(tx, {
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
      address: place.address,
      lng: place.lng,
      lat: place.lat,
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
    await repo.insertParties(
      tx,
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
    await applyClockChanges(
      tx,
      { countyCode, matterId, level: owner.level as Level, fresh: true },
      { start: reg.deadlines.start, stop: [], moved: [], pause: [], resume: [], extend: null },
      now,
    );
    if (service) {
      const notice = oneTimeNotice(service, {
        promisedDue: promisedDue(service.timeLimit, service.name, now),
        acceptingOrgName: owner.centerName ?? owner.name,
        matterCode: code,
        now,
      });
      await repo.insertNotice(tx, {
        countyCode,
        id: randomUUID(),
        matterId,
        kind: 'one_time_notice',
        title: notice.title,
        body: { ...notice },
        servedAt: now,
        createdBy: who.actor?.userId ?? null,
      });
    }
    await recordEvent(tx, ctx, deps.clock, {
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
        duplicates: matches.map((m) => m.candidateCode ?? m.candidateId),
        to: reg.state.status,
      },
    });
    await who.alongside?.(tx, { matterId, code, countyCode });
  };
  try {
    await deps.database.transaction(write);
  } catch (e) {
    // The year's sequence was remembered but is gone (the database was restored under this handle):
    // create it again and write once more; the failed attempt rolled back entirely.
    if (!isUndefinedTable(e)) throw e;
    await repo.ensureMatterSeq(deps.database.db, countyCode, year, true);
    await deps.database.transaction(write);
  }
  deps.kickSealer();
  // The per-matter risk rule, after the commit: a failure there must not undo an intake the
  // resident already has a code for, and the next sweep evaluates the matter again anyway.
  await assessOnIntake(deps, countyCode, matterId).catch((e: unknown) =>
    process.emitWarning(`风险预警（受理时）评估失败：${e instanceof Error ? e.message : String(e)}`),
  );
  return {
    matterId,
    code,
    trackingSecret: secret,
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
