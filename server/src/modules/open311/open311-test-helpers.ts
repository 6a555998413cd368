/** Shared steps of the Open311 tests: a key from the system administrator, a point in a village, form bodies. */
import { asc, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/test-app';
import { grids } from '../../db/schema';
import { orgByDivisionCode } from '../orgs/orgs.service';

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export async function issueKey(t: TestApp, body: Record<string, unknown> = { name: '掌上四坝' }) {
  const sys = await t.login('sysadmin');
  const res = await sys.request({ method: 'POST', url: '/api/open311/clients', payload: body });
  if (res.statusCode !== 201) throw new Error(`issue key: ${res.statusCode} ${res.body}`);
  return res.json() as { client: { id: string; keyPrefix: string }; apiKey: string };
}

/** The vertex average of the village's first grid (demo grids are convex Voronoi cells). */
export async function pointInVillage(t: TestApp, division: string) {
  const village = await orgByDivisionCode(t.deps, division);
  if (!village) throw new Error(`no village ${division}`);
  const [g] = await t.database.db
    .select({ geometry: grids.geometry })
    .from(grids)
    .where(eq(grids.villageId, village.id))
    .orderBy(asc(grids.code))
    .limit(1);
  const geom = g!.geometry as { type: string; coordinates: unknown };
  const ring = (
    geom.type === 'Polygon'
      ? (geom.coordinates as number[][][])[0]
      : (geom.coordinates as number[][][][])[0]![0]
  )!.slice(0, -1);
  return {
    village,
    lng: ring.reduce((s, p) => s + p[0]!, 0) / ring.length,
    lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length,
  };
}

/** An application/x-www-form-urlencoded body; array values repeat the name. */
export function form(fields: Record<string, string | string[] | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  }
  return p.toString();
}

/** The fields GeoReport v2 defines for a request record (plus our `extended_status`), nothing else. */
export const requestRecordKeys = [
  'address',
  'address_id',
  'agency_responsible',
  'description',
  'expected_datetime',
  'extended_status',
  'lat',
  'long',
  'media_url',
  'requested_datetime',
  'service_code',
  'service_name',
  'service_notice',
  'service_request_id',
  'status',
  'status_notes',
  'updated_datetime',
  'zipcode',
];

/** ISO 8601 with a time-zone designator, as the spec requires of every date. */
export const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function expectOpen311Error(
  res: { statusCode: number; json(): unknown },
  status: number,
  errorCode: string,
) {
  const body = res.json() as { code: number; description: string; error_code: string }[];
  if (
    res.statusCode !== status ||
    !Array.isArray(body) ||
    body[0]?.code !== status ||
    body[0]?.error_code !== errorCode
  ) {
    throw new Error(`expected ${status} ${errorCode}, got ${res.statusCode} ${JSON.stringify(body)}`);
  }
  // Chinese, and no zod or Fastify English left in it.
  if (
    !/[\u4e00-\u9fff]/.test(body[0].description) ||
    /Invalid input|expected|received/.test(body[0].description)
  )
    throw new Error(`description not plain Chinese: ${body[0].description}`);
  return body[0];
}
