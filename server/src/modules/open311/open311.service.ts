/**
 * Open311 GeoReport v2 use cases: the catalog as services, filing a matter through the same online
 * intake residents use (routing rules, deadlines, one-time notice), and the public reads. The client
 * proves itself with an API key (open311-clients.service); reads need none, writes always do.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type IntakeBody, intakeBodySchema } from '../../../../core/contracts/matters';
import type { Open311PostRequestBody, open311RequestsQuery } from '../../../../core/contracts/open311';
import type { ServiceCatalog } from '../../../../core/domain/catalog/service-catalog';
import {
  checkAttributes,
  defaultTitle,
  matterStatusesFor,
  open311DateTime,
  open311ItemByCode,
  open311Items,
  readOpen311Form,
  toOpen311Definition,
  toOpen311Service,
} from '../../../../core/domain/open311';
import { AppError, type ErrorCode } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { countyCatalog } from '../config/catalog.service';
import { countyCodes } from '../counties/counties.service';
import { recordEvent } from '../events/events.service';
import { withIdempotency } from '../matters/idempotency.service';
import { intakeOnline } from '../matters/intake.service';
import { partyNamesByMatter } from '../matters/query.service';
import { orgByDivisionCode, orgRowsByIds } from '../orgs/orgs.service';
import { toOpen311Request } from './open311.presenter';
import * as repo from './open311.repo';
import { authenticateKey } from './open311-clients.service';

const DAY = 86_400_000;
/** GeoReport v2: a query spans at most 90 days, and the default is the last 90 days or 1,000 requests. */
export const MAX_RANGE_DAYS = 90;
export const MAX_REQUESTS = 1000;

export function bad(field: string, message: string, reason = 'invalid_field'): AppError {
  return new AppError('VALIDATION_FAILED', message, { reason, field });
}

/** The county a call is about: named by jurisdiction_id, or the only one this install serves. */
export async function resolveJurisdiction(deps: Deps, jurisdictionId: string | undefined): Promise<string> {
  const served = await countyCodes(deps);
  if (!jurisdictionId) {
    if (served.length === 1) return served[0]!;
    throw bad('jurisdiction_id', '本系统服务多个县（区），请提供 jurisdiction_id。', 'missing_field');
  }
  const code = jurisdictionId.slice(0, 6);
  if (!served.includes(code)) {
    throw new AppError('NOT_FOUND', `未找到辖区 ${jurisdictionId}。`, { reason: 'unknown_jurisdiction' });
  }
  return code;
}

/** The county's catalog in force (its own version, or the shipped one), as Open311 sees it. */
async function catalogOf(deps: Deps, countyCode: string) {
  const c = await countyCatalog(deps.database.db, countyCode);
  return { categories: c.categories, services: { demo: false, items: c.services } satisfies ServiceCatalog };
}

/**
 * Matters readable in the feeds: those filed under a public item, retired ones included (a matter
 * filed before the county withdrew the service stays readable); petitions are filed but never published.
 */
export async function publicServiceCodes(deps: Deps, countyCode: string): Promise<string[]> {
  const { services } = await catalogOf(deps, countyCode);
  return services.items.filter((i) => i.public && i.kind !== 'petition').map((i) => i.code);
}

function itemOrNotFound(catalog: ServiceCatalog, code: string) {
  const item = open311ItemByCode(catalog, code);
  if (!item) throw new AppError('NOT_FOUND', `未找到服务 ${code}。`, { reason: 'unknown_service' });
  return item;
}

export async function listServices(deps: Deps, jurisdictionId: string | undefined) {
  const countyCode = await resolveJurisdiction(deps, jurisdictionId);
  const { services, categories } = await catalogOf(deps, countyCode);
  return open311Items(services).map((i) => toOpen311Service(i, categories));
}

export async function serviceDefinition(deps: Deps, jurisdictionId: string | undefined, code: string) {
  const countyCode = await resolveJurisdiction(deps, jurisdictionId);
  const { services, categories } = await catalogOf(deps, countyCode);
  return toOpen311Definition(itemOrNotFound(services, code), categories);
}

function parseCoordinate(given: string | number, field: 'lat' | 'long'): number {
  const v = Number(given);
  const limit = field === 'lat' ? 90 : 180;
  if (!Number.isFinite(v) || Math.abs(v) > limit) {
    throw bad(field, `${field} 应为 -${limit} 至 ${limit} 之间的十进制度数。`);
  }
  return v;
}

function attributeEntries(body: Record<string, unknown>): [string, string][] {
  return Object.entries(body).flatMap(([k, v]): [string, string][] => {
    if (!k.startsWith('attribute[')) return [];
    return Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, String(v)]];
  });
}

async function placeOf(
  deps: Deps,
  countyCode: string,
  body: Open311PostRequestBody,
): Promise<IntakeBody['place']> {
  if ((body.lat === undefined) !== (body.long === undefined)) {
    throw bad(body.lat === undefined ? 'lat' : 'long', 'lat 和 long 须同时提供。', 'missing_field');
  }
  const place: IntakeBody['place'] = {};
  if (body.address_string) place.address = body.address_string;
  if (body.lat !== undefined && body.long !== undefined) {
    place.lat = parseCoordinate(body.lat, 'lat');
    place.lng = parseCoordinate(body.long, 'long');
    // An extension of GeoReport v2 (docs/OPEN311.md): apps built on AMap/Tencent send GCJ-02.
    if (body.coord_system === 'gcj02') place.coordSystem = 'gcj02';
  } else if (body.address_id) {
    const village = await orgByDivisionCode(deps, body.address_id);
    if (village?.kind !== 'village' || village.countyCode !== countyCode) {
      throw bad('address_id', `address_id ${body.address_id} 不是本县（区）的村（社区）区划代码。`);
    }
    place.villageId = village.id;
  }
  if (place.lat === undefined && !place.villageId && !place.address) {
    throw bad('lat', '请提供事发位置：lat 和 long，或 address_string，或 address_id。', 'missing_field');
  }
  return place;
}

/**
 * POST requests: one matter, filed through the online intake, linked to the client in the same
 * transaction. The client's key is checked first; then, with an Idempotency-Key (optional: GeoReport
 * v2 has none, but a phone app on a bad connection retries), a retry of the same request gets the
 * first answer instead of a second matter. Keys are scoped by client; the api_key is not hashed in.
 */
export async function fileRequest(
  deps: Deps,
  ctx: RequestCtx,
  body: Open311PostRequestBody,
  idempotencyKey?: string,
) {
  const countyCode = await resolveJurisdiction(deps, body.jurisdiction_id);
  const caller = await authenticateKey(deps, body.api_key, countyCode);
  const { api_key: _secret, ...request } = body;
  const res = await withIdempotency(
    deps,
    `open311:${caller.clientId}`,
    idempotencyKey,
    request,
    async () => ({
      status: 200,
      body: await file(deps, ctx, body, countyCode, caller),
    }),
  );
  if (res.status >= 400) {
    // The first attempt was refused: the retry is refused the same way (in Open311's error format).
    const e = res.body as { code: ErrorCode; message: string; details?: unknown };
    throw new AppError(e.code, e.message, e.details);
  }
  return res.body as Awaited<ReturnType<typeof file>>;
}

async function file(
  deps: Deps,
  ctx: RequestCtx,
  body: Open311PostRequestBody,
  countyCode: string,
  caller: Awaited<ReturnType<typeof authenticateKey>>,
) {
  const { services, categories } = await catalogOf(deps, countyCode);
  const item = itemOrNotFound(services, body.service_code);
  const form = readOpen311Form(attributeEntries(body));
  if (form.repeated.length > 0) {
    throw bad(
      form.repeated[0]!,
      `属性 ${form.repeated[0]} 重复提交：单值属性只能给一次，多值属性请一律用 attribute[code][]。`,
    );
  }
  const checked = checkAttributes(item, form.attributes, categories);
  if (!checked.ok) {
    const p = checked.problems[0]!;
    throw new AppError('VALIDATION_FAILED', checked.problems.map((x) => x.message).join('；'), {
      reason: 'invalid_attribute',
      field: `attribute[${p.code}]`,
    });
  }
  const place = await placeOf(deps, countyCode, body);
  const name = `${body.last_name ?? ''}${body.first_name ?? ''}`.trim() || '网上反映人';
  const parsed = intakeBodySchema.safeParse({
    kind: item.kind,
    channel: 'online',
    categoryCode: checked.value.categoryCode,
    serviceCode: item.code,
    title: checked.value.title ?? defaultTitle(item, body.description),
    description: body.description,
    place,
    parties: [{ role: 'applicant', name, phone: body.phone }],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw bad(String(issue.path.join('.')), issue.message);
  }
  const token = randomUUID();
  const out = await intakeOnline(deps, ctx, countyCode, parsed.data, async (tx, m) => {
    await repo.insertRequestLink(tx, {
      countyCode,
      matterId: m.matterId,
      clientId: caller.clientId,
      token,
      accountId: body.account_id ?? null,
      mediaUrl: body.media_url ?? null,
      attributes: {
        ...form.attributes,
        ...(checked.value.materialsReady.length ? { materials_ready: checked.value.materialsReady } : {}),
      },
      createdAt: deps.clock.now(),
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode,
      action: 'open311.request_filed',
      objectType: 'matter',
      objectId: m.matterId,
      after: {
        code: m.code,
        client: { id: caller.clientId, name: caller.clientName },
        serviceCode: item.code,
      },
    });
  });
  const notices = await repo.noticesOf(deps.database.db, countyCode, [out.matterId]);
  const due = await repo.nextDueOf(deps.database.db, countyCode, [out.matterId]);
  const notice = notices.get(out.matterId);
  const nextDue = due.get(out.matterId) ?? null;
  return [
    {
      service_request_id: out.code,
      token,
      service_notice: notice ? notice.lines.join('\n') : `已受理登记，事项编号 ${out.code}。`,
      account_id: body.account_id ?? null,
      expected_datetime: nextDue ? open311DateTime(nextDue) : null,
      tracking_secret: out.trackingSecret!,
    },
  ];
}

async function present(deps: Deps, countyCode: string, rows: Awaited<ReturnType<typeof repo.feed>>) {
  const ids = rows.map((r) => r.matter.id);
  const { services } = await catalogOf(deps, countyCode);
  // A retired item still names the matters filed under it.
  const itemOf = (code: string) => services.items.find((i) => i.code === code && i.public);
  const [orgs, due, notices, names] = await Promise.all([
    orgRowsByIds(
      deps,
      rows.map((r) => r.matter.ownerOrgId),
    ),
    repo.nextDueOf(deps.database.db, countyCode, ids),
    repo.noticesOf(deps.database.db, countyCode, ids),
    partyNamesByMatter(deps, countyCode, ids),
  ]);
  return rows.map((r) => {
    const org = orgs.get(r.matter.ownerOrgId);
    return toOpen311Request(r, {
      item: r.matter.serviceCode ? itemOf(r.matter.serviceCode) : undefined,
      agency: org?.centerName ?? org?.name ?? '',
      nextDue: due.get(r.matter.id) ?? null,
      notice: notices.get(r.matter.id)?.lines.join('\n') ?? null,
      partyNames: names.get(r.matter.id) ?? [],
    });
  });
}

async function optionalCaller(deps: Deps, apiKey: string | undefined, countyCode: string) {
  return apiKey ? authenticateKey(deps, apiKey, countyCode) : null;
}

function range(deps: Deps, start: string | undefined, end: string | undefined) {
  const to = end ? new Date(end) : deps.clock.now();
  const from = start ? new Date(start) : new Date(to.getTime() - MAX_RANGE_DAYS * DAY);
  if (from.getTime() > to.getTime()) throw bad('start_date', 'start_date 不能晚于 end_date。');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw bad('end_date', `start_date 与 end_date 相隔不能超过 ${MAX_RANGE_DAYS} 天。`);
  }
  return { from, to };
}

export async function listRequests(deps: Deps, q: z.infer<typeof open311RequestsQuery>) {
  const countyCode = await resolveJurisdiction(deps, q.jurisdiction_id);
  const caller = await optionalCaller(deps, q.api_key, countyCode);
  const base = {
    countyCode,
    publicServiceCodes: await publicServiceCodes(deps, countyCode),
    clientId: caller?.clientId ?? null,
  };
  if (q.service_request_id !== undefined) {
    // The spec: a list of ids overrides every other filter.
    const codes = [
      ...new Set(
        q.service_request_id
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (codes.length === 0) throw bad('service_request_id', 'service_request_id 不能为空。');
    if (codes.length > MAX_REQUESTS) throw bad('service_request_id', `一次最多查询 ${MAX_REQUESTS} 个编号。`);
    return present(
      deps,
      countyCode,
      await repo.feed(deps.database.db, { ...base, codes, limit: MAX_REQUESTS }),
    );
  }
  if (q.service_code) itemOrNotFound((await catalogOf(deps, countyCode)).services, q.service_code);
  const { from, to } = range(deps, q.start_date, q.end_date);
  const statuses = q.status ? matterStatusesFor(q.status.split(',') as ('open' | 'closed')[]) : undefined;
  const rows = await repo.feed(deps.database.db, {
    ...base,
    serviceCode: q.service_code,
    from,
    to,
    statuses,
    limit: MAX_REQUESTS,
  });
  return present(deps, countyCode, rows);
}

export async function getRequest(
  deps: Deps,
  code: string,
  q: { jurisdiction_id?: string; api_key?: string },
) {
  const countyCode = await resolveJurisdiction(deps, q.jurisdiction_id);
  const caller = await optionalCaller(deps, q.api_key, countyCode);
  const rows = await repo.feed(deps.database.db, {
    countyCode,
    publicServiceCodes: await publicServiceCodes(deps, countyCode),
    clientId: caller?.clientId ?? null,
    codes: [code],
    limit: 1,
  });
  if (rows.length === 0)
    throw new AppError('NOT_FOUND', `未找到服务请求 ${code}。`, { reason: 'unknown_request' });
  return present(deps, countyCode, rows);
}

export async function resolveToken(deps: Deps, token: string, jurisdictionId: string | undefined) {
  const countyCode = await resolveJurisdiction(deps, jurisdictionId);
  const r = await repo.linkByToken(deps.database.db, countyCode, token);
  if (!r) throw new AppError('NOT_FOUND', `未找到令牌 ${token}。`, { reason: 'unknown_token' });
  return [{ service_request_id: r.code, token: r.link.token }];
}
