/**
 * Schema-driven fuzzing (docs/SECURITY.md G20, G25, G27): every operation of the app's OpenAPI document
 * gets bounded generated requests (fuzz-requests.ts), as nobody and as staff of every role with a
 * valid CSRF token, against real ids of the demo county. No answer may be a 5xx, and every refusal
 * outside Open311 must be the one error body. A failure here is a bug to fix at its root, never a
 * case to skip.
 *
 * The requests are fixed by the seed: FUZZ_SEED=<n> runs another set, FUZZ_ONLY=<text> only the
 * operations whose "METHOD path" contains it (with that operation's own seed, so a failure reruns
 * alone), FUZZ_RUNS=<n> scales the count (default 1), FUZZ_STATS=1 prints every refusal and the
 * answers per operation (how deep the requests get). TEST_LOG=1 shows the server's log of each 500.
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../core/errors';
import { type OpenApiDoc, type Pools, SchemaArbitraries } from './fuzz-arbitraries';
import { type Planned, planArbitrary } from './fuzz-requests';
import { createTestApp, type Session, type TestApp } from './test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);
const ONLY = process.env.FUZZ_ONLY ?? '';
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
/**
 * Requests per operation (about 2,000 in all): an operation that needs a login gets two as nobody
 * (they stop at the login check) and the rest as staff; a public one is sent mostly as nobody.
 */
const RUNS = Math.round(17 * SCALE);
const ANONYMOUS_RUNS_PRIVATE = Math.round(2 * SCALE);
const ANONYMOUS_RUNS_PUBLIC = Math.round(10 * SCALE);
/** Staff of every kind, so each service's own checks are passed and what lies behind them is reached. */
const STAFF = [
  'admin',
  'sysadmin',
  'secadmin',
  'auditor',
  'leader',
  'clerk',
  'village-clerk',
  'town01-gw1',
  'mediator',
];
/** Who is likely allowed, by path prefix: tried first, so few requests are spent on a 403. */
const ROLE_HINTS: [string, string[]][] = [
  ['/api/config', ['admin']],
  ['/api/users', ['sysadmin', 'secadmin', 'leader']],
  ['/api/events', ['auditor']],
  ['/api/open311/clients', ['sysadmin']],
  ['/api/dashboard', ['leader']],
  ['/api/risk', ['leader']],
  ['/api/field', ['town01-gw1']],
  ['/api/grids/{id}/workers', ['admin', 'leader']],
  ['/api/orgs', ['admin', 'leader']],
  ['/api/mediators', ['admin', 'mediator']],
  ['/api/deliberation', ['village-clerk', 'leader', 'clerk']],
  ['/api/matters', ['village-clerk', 'clerk', 'leader', 'mediator', 'town01-gw1']],
];

interface Failure {
  op: string;
  who: string;
  run: number;
  request: Planned;
  status: number;
  body: string;
}

/** Every refusal outside Open311 is the one error body, whatever part of the stack refused. */
function isErrorBody(res: LightMyRequestResponse): boolean {
  try {
    const b = res.json() as { code?: unknown; message?: unknown };
    return errorCodes.includes(b.code as never) && typeof b.message === 'string';
  } catch {
    return false;
  }
}

let t: TestApp;
let doc: OpenApiDoc;
const sessions = new Map<string, Session>();

async function ids(s: Session, url: string, pick: (body: unknown) => unknown[]): Promise<string[]> {
  const res = await s.request({ method: 'GET', url });
  if (res.statusCode !== 200) return [];
  return pick(res.json()).filter((x): x is string => typeof x === 'string');
}

const itemsOf = (b: unknown) =>
  ((b as { items?: { id: string }[] }).items ?? (b as { id: string }[])).map((x) => x.id);

beforeAll(async () => {
  t = await createTestApp();
  doc = t.app.swagger() as unknown as OpenApiDoc;
  for (const u of STAFF) sessions.set(u, await t.login(u));
}, 120_000);
afterAll(() => t?.close());

/** Ids, codes and a key that exist in the demo county, so generated requests name real things. */
async function demoPools(): Promise<Pools> {
  const leader = sessions.get('leader')!;
  const clerk = sessions.get('village-clerk')!;
  const issued = await sessions
    .get('sysadmin')!
    .request({ method: 'POST', url: '/api/open311/clients', payload: { name: '模糊测试客户端' } });
  const apiKey = (issued.json() as { apiKey: string }).apiKey;
  const services = await t.app.inject({
    method: 'GET',
    url: '/open311/v2/services.json?jurisdiction_id=620602',
  });
  const serviceCodes = (services.json() as { service_code: string }[]).slice(0, 5).map((x) => x.service_code);
  const catalog = await t.app.inject({ method: 'GET', url: '/api/public/catalog?countyCode=620602' });
  const categoryCodes = (catalog.json() as { categories: { code: string }[] }).categories
    .map((c) => c.code)
    .filter((_, k) => k % 3 === 0);
  const sys = sessions.get('sysadmin')!;
  const orgs = await ids(leader, '/api/orgs?limit=10', itemsOf);
  const towns = await ids(leader, '/api/orgs?kind=town&limit=5', itemsOf);
  const villages = await ids(leader, '/api/orgs?kind=village&limit=10', itemsOf);
  const matters = [
    ...(await ids(leader, '/api/matters?pageSize=15', itemsOf)),
    ...(await ids(clerk, '/api/matters?pageSize=15', itemsOf)),
  ];
  // Not the fuzz's own accounts: a generated PATCH could disable one and end its session.
  const own = new Set([...sessions.values()].map((x) => x.userId));
  const users = (await ids(sys, '/api/users?pageSize=30', itemsOf)).filter((id) => !own.has(id));
  const bodies = await ids(leader, '/api/deliberation/bodies', itemsOf);
  const meetings = await ids(leader, '/api/deliberation/meetings', itemsOf);
  const byResource: Record<string, string[]> = {
    orgs: [...orgs, ...towns, ...villages],
    matters,
    users,
    mediators: await ids(leader, '/api/mediators', (b) =>
      (b as { id?: string; userId?: string }[]).map((m) => m.userId ?? m.id),
    ),
    grids: await ids(leader, '/api/grids?pageSize=10', itemsOf),
    bodies,
    meetings,
    warnings: await ids(leader, '/api/risk/warnings', itemsOf),
    clients: await ids(sys, '/api/open311/clients', itemsOf),
  };
  return {
    uuid: Object.values(byResource).flat(),
    byName: {
      ...Object.fromEntries(Object.entries(byResource).map(([k, v]) => [`/${k}/`, v])),
      villageId: villages,
      townId: towns,
      orgId: [...villages, ...towns],
      parentId: towns,
      toOrgId: [...villages, ...towns],
      ownerOrgId: villages,
      complainedOrgId: orgs,
      madeInOrgId: villages,
      matterId: matters,
      matterIds: matters,
      bodyId: bodies,
      meetingId: meetings,
      userId: users,
      userIds: users,
      mediatorId: users,
      countyCode: ['620602'],
      county: ['620602'],
      jurisdiction_id: ['620602'],
      categoryCode: categoryCodes,
      categoryCodes,
      serviceCode: serviceCodes,
      api_key: [apiKey],
      service_code: serviceCodes,
      phone: ['13912345678'],
    },
  };
}

describe('every operation under generated requests', () => {
  it('never answers 5xx', async () => {
    const started = Date.now();
    const pool = await demoPools();
    expect(pool.uuid.length).toBeGreaterThan(10);
    const arbs = new SchemaArbitraries(doc, pool);

    const failures: Failure[] = [];
    let sent = 0;
    const slowest: [string, number][] = [];
    const statuses = new Map<string, number>();
    const classes = new Map<string, number>();
    const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method,
        path,
        op,
        name: `${method.toUpperCase()} ${path}`,
      })),
    );
    for (const [i, { method, path, op, name }] of ops.entries()) {
      if (ONLY && !name.includes(ONLY)) continue;
      const opStarted = Date.now();
      const arb = fc.oneof(
        { weight: 3, arbitrary: planArbitrary(arbs, method, path, op, 'valid') },
        { weight: 1, arbitrary: planArbitrary(arbs, method, path, op, 'hostile') },
        { weight: 1, arbitrary: planArbitrary(arbs, method, path, op, 'wild') },
      );
      // One seed per operation: a failure reruns alone with FUZZ_ONLY and the same FUZZ_SEED.
      const plans = fc.sample(arb, { seed: SEED + i, numRuns: RUNS });
      const anonymousRuns = op.security?.length ? ANONYMOUS_RUNS_PRIVATE : ANONYMOUS_RUNS_PUBLIC;
      // Staff whose role may not use the operation drop out after their first 403 (the role is
      // checked before anything else), so most requests go as someone the service lets through to
      // its own checks and the database. When the likely roles are all refused, every other is tried.
      const hinted = ROLE_HINTS.find(([prefix]) => path.startsWith(prefix))?.[1];
      const untried = STAFF.filter((u) => !hinted?.includes(u));
      const roles = hinted ? [...hinted] : untried.splice(0);
      for (const [run, plan] of plans.entries()) {
        if (!roles.length) roles.push(...untried.splice(0));
        const who = run < anonymousRuns || !roles.length ? 'anonymous' : roles[run % roles.length]!;
        const opts: InjectOptions = {
          method: plan.method as InjectOptions['method'],
          url: plan.url,
          headers: plan.headers,
          // A different address each time: the per-address limits are tested elsewhere, not hit here.
          remoteAddress: `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
          ...(plan.payload === undefined ? {} : { payload: plan.payload }),
        };
        let res: LightMyRequestResponse;
        if (who === 'anonymous') res = await t.app.inject(opts);
        else if (path === '/api/auth/logout') res = await (await t.login(who)).request(opts);
        else res = await sessions.get(who)!.request(opts);
        sent++;
        // A generated request may end the session (the simulated clock moved past the idle time,
        // a password changed): the next one goes with a fresh login.
        if (who !== 'anonymous' && /"(SESSION_EXPIRED|UNAUTHENTICATED)"/.test(res.body))
          sessions.set(who, await t.login(who));
        if (who !== 'anonymous' && res.statusCode === 403 && res.body.includes('"FORBIDDEN"'))
          roles.splice(roles.indexOf(who), 1);
        statuses.set(`${name} ${res.statusCode}`, (statuses.get(`${name} ${res.statusCode}`) ?? 0) + 1);
        const cls = `${String(res.statusCode)[0]}xx`;
        classes.set(cls, (classes.get(cls) ?? 0) + 1);
        if (process.env.FUZZ_STATS && res.statusCode >= 400 && res.statusCode !== 401)
          console.log(`DBG ${plan.mode} ${who} ${name} ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (
          res.statusCode >= 500 ||
          (res.statusCode >= 400 && !path.startsWith('/open311/') && !isErrorBody(res))
        )
          failures.push({
            op: name,
            who,
            run,
            request: plan,
            status: res.statusCode,
            body: res.body.slice(0, 300),
          });
      }
      slowest.push([name, Date.now() - opStarted]);
    }
    const seconds = (Date.now() - started) / 1000;
    slowest.sort((a, b) => b[1] - a[1]);
    console.log(
      `fuzz: seed ${SEED}, ${ops.length} operations, ${sent} requests in ${seconds.toFixed(1)} s (${[
        ...classes,
      ]
        .sort()
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}), ${failures.length} failed; slowest: ${slowest
        .slice(0, 5)
        .map(([n, ms]) => `${n} ${ms} ms`)
        .join(', ')}`,
    );
    if (process.env.FUZZ_STATS) console.log([...statuses].map(([k, n]) => `${k} ×${n}`).join('\n'));
    if (failures.length) {
      const shown = failures.slice(0, 40).map((f) => {
        const r = f.request;
        return `${f.status} ${f.op} as ${f.who} (run ${f.run}, FUZZ_SEED=${SEED} FUZZ_ONLY='${f.op}')\n  ${r.method} ${r.url.slice(0, 300)}\n  headers ${JSON.stringify(r.headers)}\n  payload ${JSON.stringify(r.payload?.slice(0, 400))}\n  → ${f.body}`;
      });
      console.log(shown.join('\n'));
    }
    expect(
      failures.map((f) => `${f.status} ${f.op} as ${f.who} run ${f.run}: ${f.body.slice(0, 80)}`),
    ).toEqual([]);
  }, 300_000);
});
