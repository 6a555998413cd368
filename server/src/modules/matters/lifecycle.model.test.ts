/**
 * Model-based test of the matter lifecycle through the API (docs/SECURITY.md G17).
 *
 * fast-check generates sequences of commands (register a matter, a step the model allows, any step by
 * anyone, a step with a stale expectedVersion) and runs them against one test app over HTTP (inject).
 * The model is the pure lifecycle itself: `decide` on the model's MatterState with the same actor and
 * the same instant, plus a small hand model of who can see a matter (visibility.ts). After each step:
 * - allowed by the model ⇒ 200 (204 when the actor no longer sees the matter), the API's status and
 *   allowed actions equal the model's; refused ⇒ exactly the model's 403/409/422 and refusal code, or
 *   404 when the actor cannot see the matter, or MATTER_ARCHIVED on an archived one; never a 5xx;
 * - the stored rows keep the invariants: status in the list and equal to the model's, the stored state
 *   equals the model's, never ownerless, the live deadlines are exactly the lifecycle's clocks (so at
 *   least one running or paused duty deadline unless merged or archived), the version goes up by exactly
 *   one on success and not at all on refusal, and exactly one matter event per success.
 *
 * Runs: MODEL_RUNS (default 40) runs of up to MODEL_COMMANDS (default 15) commands each;
 * MODEL_SKIP_ACTIONS=a,b leaves actions out. Each run registers fresh matters in one shared app. The clock moves one minute per command; sessions are
 * renewed before they would idle out.
 */
import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import { clockKey, clocksOf, isWindow } from '../../../../core/domain/matters/clocks';
import {
  type Actor as LifecycleActor,
  type MatterAction,
  type MatterCommand,
  matterActions,
} from '../../../../core/domain/matters/commands';
import { invariantViolations } from '../../../../core/domain/matters/invariants';
import {
  allowedActions,
  type DecideResult,
  decide,
  registerMatter,
} from '../../../../core/domain/matters/lifecycle';
import {
  channelRoutes,
  isStrictlyAbove,
  isTerminal,
  type MatterState,
  matterStatuses,
  type OrgRef,
  opinionOutcomes,
  terminationReasons,
  transferKinds,
} from '../../../../core/domain/matters/model';
import { isTerritorial } from '../../../../core/domain/orgs';
import type { Role } from '../../../../core/domain/roles';
import { buildUser, orgByDivision, orgByName } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import * as orgsRepo from '../orgs/orgs.repo';
import { orgRefOf } from './org-refs';

const RUNS = Number(process.env.MODEL_RUNS ?? 40);
const MAX_COMMANDS = Number(process.env.MODEL_COMMANDS ?? 15);
/** Actions left out of the walks (comma-separated), e.g. to look past a known bug for a while. */
const SKIP = new Set((process.env.MODEL_SKIP_ACTIONS ?? '').split(',').filter(Boolean));
const actionsInPlay = matterActions.filter((a) => !SKIP.has(a));
const MINUTE = 60_000;

let t: TestApp;

// ---------------------------------------------------------------------------------------------------
// The world: the orgs in play and the people who act.

interface Place {
  key: string;
  row: orgsRepo.OrgRow;
  ref: OrgRef;
}

interface Person {
  key: string;
  username: string;
  userId: string;
  displayName: string;
  org: orgsRepo.OrgRow;
  actor: LifecycleActor;
  session: Session | null;
  loggedInAt: number;
  lastUsed: number;
}

const places = new Map<string, Place>();
const people: Person[] = [];
const person = (key: string): Person => {
  const p = people.find((x) => x.key === key);
  if (!p) throw new Error(`no person ${key}`);
  return p;
};
const place = (key: string): Place => {
  const p = places.get(key);
  if (!p) throw new Error(`no place ${key}`);
  return p;
};
const placeById = (id: string): Place | undefined => [...places.values()].find((p) => p.row.id === id);

/** Demo accounts by username, or users built for the test: [key, username or [place, roles]]. */
const cast: [string, string | [string, Role[]]][] = [
  ['vclerk', 'village-clerk'],
  ['vclerk2', ['village', ['clerk']]],
  ['vhandler', ['village', ['handler']]],
  ['vleader', ['village', ['leader']]],
  ['gw', 'town01-gw1'],
  ['vmediator', 'village-mediator'],
  ['tclerk', 'town01-clerk'],
  ['tleader', 'town01-leader'],
  ['station', ['station', ['handler']]],
  ['dclerk', 'clerk'],
  ['dleader', 'leader'],
  ['dept', ['dept', ['dept_liaison']]],
  // Outsiders: another town's clerk and the grid worker of the neighbouring village.
  ['outsider', 'town02-clerk'],
  ['gw2', 'town01-gw2'],
];

async function session(p: Person): Promise<Session> {
  const now = t.clock.now().getTime();
  // The server idles a session out after 30 minutes and ends it after 12 hours of the test clock.
  if (!p.session || now - p.lastUsed > 25 * MINUTE || now - p.loggedInAt > 11 * 60 * MINUTE) {
    p.session = await t.login(p.username);
    p.loggedInAt = now;
  }
  p.lastUsed = now;
  return p.session;
}

/** visibility.ts canSeeMatter, on the model's state. */
function sees(p: Person, s: MatterState): boolean {
  const path = p.org.path;
  if (s.owner.path.startsWith(path)) return true;
  if (s.status === 'transferring' && s.transfer?.to.path.startsWith(path)) return true;
  if (s.mediation?.mediatorId === p.userId) return true;
  if (s.pastMediatorIds?.includes(p.userId)) return true;
  if (s.mediation?.committeeId && s.mediation.committeeId === p.org.id) return true;
  return s.coHandlers.some((c) => c.org.id === p.org.id);
}

// ---------------------------------------------------------------------------------------------------
// The model.

interface ModelMatter {
  id: string;
  code: string;
  state: MatterState;
  version: number;
  /** Matter events in the log (registration + one per successful step). */
  events: number;
  lastActorName: string;
  lastAt: number;
}

interface Model {
  matters: ModelMatter[];
  /** What this run did so far, step by step: shown when a step fails. */
  trail: string[];
}

/** The model's deadlines for `decide`: the lifecycle's own clocks. Every run lasts under an hour of
 * the test clock, far inside every window (the shortest, the objection window, is 5 working days), so
 * a window that exists is open. */
function decideCtx(s: MatterState, actor: LifecycleActor) {
  return {
    now: t.clock.now(),
    actor,
    deadlines: clocksOf(s).map((c) => ({ basis: c.basis, orgId: c.orgId, dueAt: null })),
  };
}

type Pick = (n: number) => number;

/** mulberry32: every command draws its choices from its own seed, so fast-check can shrink it. */
function picker(seed: number): Pick {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return (n) => (n <= 0 ? 0 : Math.floor(rand() * n));
}
const oneOf = <T>(pick: Pick, xs: readonly T[]): T => xs[pick(xs.length)] as T;

type Body = { action: MatterAction } & Record<string, unknown>;

let archiveSeq = 0;
let phoneSeq = 0;

/** The API body for an action. `sloppy` lets the input be wrong now and then (a 422 or 409 to check). */
function bodyFor(action: MatterAction, m: ModelMatter, model: Model, pick: Pick, sloppy: boolean): Body {
  const s = m.state;
  const bad = () => sloppy && pick(3) === 0;
  const reason = bad() ? (pick(2) === 0 ? undefined : '   ') : '已核实情况，依规定办理。';
  const withReason = (b: Record<string, unknown>): Body =>
    (reason === undefined ? { action, ...b } : { action, ...b, reason }) as Body;
  const all = [...places.values()];
  switch (action) {
    case 'accept':
    case 'receive':
    case 'co_handler_report':
    case 'record_session':
    case 'resume_mediation':
    case 'self_handle':
    case 'submit_feedback':
    case 'check_pass':
      return { action };
    case 'channel':
      return withReason({ route: bad() ? 'nowhere' : oneOf(pick, channelRoutes) });
    case 'merge': {
      const other = model.matters.find((x) => x.id !== m.id);
      return withReason({ intoCode: bad() ? s.code : (other?.code ?? '620602-2026-999999') });
    }
    case 'convert':
      return { action, toKind: oneOf(pick, ['dispute', 'consultation', 'request', 'petition'] as const) };
    case 'transfer': {
      const kind = oneOf(pick, transferKinds);
      const fits = all.filter((p) =>
        kind === 'escalate_up'
          ? isTerritorial(p.ref.kind) && isStrictlyAbove(p.ref.path, s.owner.path)
          : kind === 'dispatch_down'
            ? isTerritorial(p.ref.kind) && isStrictlyAbove(s.owner.path, p.ref.path)
            : !isTerritorial(p.ref.kind) && p.ref.id !== s.owner.id,
      );
      const to = fits.length > 0 && !bad() ? oneOf(pick, fits) : oneOf(pick, all);
      return withReason({ transferKind: kind, toOrgId: to.row.id });
    }
    case 'decide_objection':
      return withReason({ upheld: pick(2) === 0 });
    case 'add_co_handler': {
      const candidates = ['committee', 'station', 'dept', 'village2', 'town'].map(place);
      const org = bad() ? place('village') : oneOf(pick, candidates);
      return { action, orgId: org.row.id };
    }
    case 'release_co_handler': {
      const working = s.coHandlers.filter((c) => c.status === 'working');
      const orgId = working.length > 0 && !bad() ? oneOf(pick, working).org.id : oneOf(pick, all).row.id;
      return withReason({ orgId });
    }
    case 'extend':
      return withReason({ days: bad() ? 31 : oneOf(pick, [1, 15, 30]) });
    case 'serve_opinion':
    case 'serve_review':
    case 'serve_reexam':
      return { action, outcome: oneOf(pick, opinionOutcomes), legalBasis: '《信访工作条例》第三十二条' };
    case 'request_review':
    case 'request_reexam':
      return withReason({ toOrgId: place('town').row.id });
    case 'start_mediation':
      return {
        action,
        initiative: pick(2) === 0 ? 'application' : 'own_initiative',
        ...(pick(3) === 0 ? { consentRenewed: true } : {}),
        ...(pick(4) === 0 ? {} : { consent: { channel: 'phone', on: '2025-01-02' } }),
      };
    case 'assign_mediator':
      return {
        action,
        mediatorId: oneOf(pick, [person('vmediator'), person('vmediator'), person('station')]).userId,
        chosenBy: pick(2) === 0 ? 'org' : 'parties',
        conflictOfInterest: bad(),
      };
    case 'extend_mediation':
      return withReason({ days: bad() ? 31 : oneOf(pick, [5, 30]), allPartiesConsent: !bad() });
    case 'agree':
      return { action, form: pick(2) === 0 ? 'written' : 'oral' };
    case 'terminate_mediation':
      return withReason({
        terminationReason: bad() ? 'agreement_reached' : oneOf(pick, terminationReasons.slice(1)),
      });
    case 'answer':
      return pick(2) === 0 ? { action } : { action, reason: '经调查核实，已向群众答复处理结果。' };
    case 'rate': {
      const rating = oneOf(pick, ['satisfied', 'basically_satisfied', 'unsatisfied', 'unsatisfied'] as const);
      // Staff record a rating for the resident with the channel they heard it by; sloppy ones forget it.
      const channel = bad() ? {} : { channel: oneOf(pick, ['phone', 'visit'] as const) };
      if (rating !== 'unsatisfied') return { action, rating, ...channel };
      if (bad()) return { action, rating, ...channel };
      return { action, rating, substantive: pick(2) === 0, reason: '问题没有彻底解决', ...channel };
    }
    case 'follow_up':
      // 事心双结: both answers are required; sloppy staff forget them.
      if (bad()) return { action, reason: '电话回访，群众表示认可。' };
      return {
        action,
        matterResolved: oneOf(pick, ['yes', 'partly', 'no'] as const),
        heartResolved: pick(2) === 0,
        reason: '电话回访，群众表示认可。',
      };
    case 'archive':
      return { action, archiveNo: bad() ? '  ' : `南苑-2026-档-${++archiveSeq}` };
    default:
      // refuse, verify, void, recall, object, check_fail, refuse_mediation, pause_mediation,
      // pause_hearing, resume_hearing, refer_to_court: a written reason only.
      return withReason({});
  }
}

/** What actions.service commandOf makes of the body (after zod trimmed the strings). */
function commandOf(body: Body): MatterCommand {
  const trimmed: Record<string, unknown> = { ...body };
  for (const k of ['reason', 'legalBasis', 'archiveNo'])
    if (typeof trimmed[k] === 'string') trimmed[k] = (trimmed[k] as string).trim();
  const to = typeof body.toOrgId === 'string' ? placeById(body.toOrgId)?.ref : undefined;
  const org = typeof body.orgId === 'string' ? placeById(body.orgId)?.ref : undefined;
  // The server checks a chosen mediator against the county's roster: only the village mediator is on it.
  if (body.action === 'assign_mediator') {
    trimmed.onRoster = body.mediatorId === person('vmediator').userId;
    // …and records the committee the mediator serves on (the village's 人民调解委员会).
    if (trimmed.onRoster) trimmed.committeeId = person('vmediator').org.id;
  }
  return { ...trimmed, ...(to ? { to } : {}), ...(org ? { org } : {}) } as unknown as MatterCommand;
}

// ---------------------------------------------------------------------------------------------------
// Checks on the stored rows.

const rowsOf = async (q: SQL) =>
  ((await t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

async function checkStored(model: Model): Promise<void> {
  if (model.matters.length === 0) return;
  const label = model.trail.at(-1) ?? '';
  const ids = sql.join(
    model.matters.map((m) => sql`${m.id}`),
    sql`, `,
  );
  const matterRows = await rowsOf(
    sql`select id, status, version, owner_org_id, owner_path, owner_level, pending_org_id, state,
          rework_count, archive_no from matters where id in (${ids})`,
  );
  const liveRows = await rowsOf(
    sql`select matter_id, clock_key, basis, org_id, status from deadlines
        where matter_id in (${ids}) and status in ('running', 'paused')`,
  );
  const eventRows = await rowsOf(
    sql`select object_id, count(*)::int as n from events
        where object_type = 'matter' and action like 'matter.%' and object_id in (${ids}) group by object_id`,
  );
  for (const m of model.matters) {
    const where = `${label} — matter ${m.code} (${m.state.kind}, model status ${m.state.status})`;
    const row = matterRows.find((r) => r.id === m.id);
    expect(row, where).toBeDefined();
    if (!row) return;
    const stored = row.state as MatterState;
    expect(matterStatuses, where).toContain(row.status);
    expect(row.status, where).toBe(m.state.status);
    expect(stored, where).toEqual(m.state);
    expect(invariantViolations(stored), where).toEqual([]);
    // 首问负责: never ownerless, and the columns agree with the state.
    expect(row.owner_org_id, where).toBe(m.state.owner.id);
    expect(row.owner_path, where).toBe(m.state.owner.path);
    expect(row.owner_level, where).toBe(m.state.owner.level);
    expect(row.pending_org_id ?? null, where).toBe(
      m.state.status === 'transferring' ? (m.state.transfer?.to.id ?? null) : null,
    );
    expect(Number(row.rework_count), where).toBe(m.state.reworkCount);
    expect(row.archive_no ?? null, where).toBe(m.state.archiveNo);
    expect(Number(row.version), where).toBe(m.version);
    // 工作零死角: the live deadlines are the lifecycle's clocks, each answered for by the right org.
    const live = liveRows.filter((d) => d.matter_id === m.id);
    const stops = m.state.status === 'merged' || m.state.status === 'archived';
    if (stops) expect(live, where).toEqual([]);
    else
      expect(
        live.some((d) => !isWindow(String(d.basis))),
        where,
      ).toBe(true);
    expect(live.map((d) => `${d.clock_key}@${d.org_id}`).sort(), where).toEqual(
      clocksOf(m.state)
        .map((c) => `${clockKey(c)}@${c.orgId}`)
        .sort(),
    );
    const events = Number(eventRows.find((e) => e.object_id === m.id)?.n ?? 0);
    expect(events, where).toBe(m.events);
  }
}

// ---------------------------------------------------------------------------------------------------
// Commands.

const tally = new Map<string, number>();
const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);

interface ErrorBody {
  code?: string;
  message?: string;
  details?: { reason?: string; winner?: string };
}

/** One action by one person on one matter, checked against the model. */
async function act(
  model: Model,
  m: ModelMatter,
  who: Person,
  body: Body,
  opts: { expectedVersion?: number } = {},
): Promise<void> {
  await attempt(model, m, who, body, opts);
  await checkStored(model);
}

async function attempt(
  model: Model,
  m: ModelMatter,
  who: Person,
  body: Body,
  opts: { expectedVersion?: number },
): Promise<void> {
  t.clock.advanceMinutes(1);
  const sess = await session(who);
  const now = t.clock.now().getTime();
  const payload =
    opts.expectedVersion === undefined ? body : { ...body, expectedVersion: opts.expectedVersion };
  const desc = `${who.key} ${JSON.stringify(payload)} on ${m.code} [${m.state.kind} ${m.state.status} v${m.version}]`;
  model.trail.push(desc);
  const done = (outcome: string) => {
    model.trail[model.trail.length - 1] = `${desc} → ${outcome}`;
  };

  const visible = sees(who, m.state);
  const stale = opts.expectedVersion !== undefined && opts.expectedVersion !== m.version;
  const verdict: DecideResult | null =
    visible && !stale ? decide(m.state, commandOf(body), decideCtx(m.state, who.actor)) : null;

  const res = await sess.request({ method: 'POST', url: `/api/matters/${m.id}/actions`, payload });
  const got = `${desc} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, got).toBeLessThan(500);

  if (!visible) {
    expect(res.statusCode, got).toBe(404);
    count(`${body.action}:404`);
    done('404');
    return;
  }
  if (m.state.status === 'archived') {
    // An archived matter is closed for every write, before any other question (archived-guard.ts).
    expect(res.statusCode, got).toBe(409);
    const err = res.json() as ErrorBody;
    expect(err.code, got).toBe('MATTER_ARCHIVED');
    expect(err.details?.reason, got).toBe('ARCHIVED_READ_ONLY');
    count(`${body.action}:archived`);
    done('409 archived');
    return;
  }
  if (stale) {
    // docs/SECURITY.md G16: a stale version is refused and names who changed the matter meanwhile.
    expect(res.statusCode, got).toBe(409);
    const err = res.json() as ErrorBody;
    expect(err.code, got).toBe('CONFLICT');
    expect(err.message, got).toContain(m.lastActorName);
    count(`${body.action}:stale`);
    done('409 stale');
    return;
  }
  if (!verdict) throw new Error('unreachable');
  if (!verdict.ok) {
    expect(res.statusCode, `${got}\nmodel: ${verdict.httpStatus} ${verdict.code}`).toBe(verdict.httpStatus);
    const err = res.json() as ErrorBody;
    expect(err.details?.reason, got).toBe(verdict.code);
    if (verdict.httpStatus === 409) {
      // The loser of a race is told who acted first: the last actor, if recent and someone else.
      const recent = m.lastAt > now - 10 * MINUTE && m.lastActorName !== who.displayName;
      expect(err.details?.winner, got).toBe(recent ? m.lastActorName : undefined);
    }
    count(`${body.action}:${verdict.httpStatus}`);
    done(`${verdict.httpStatus} ${verdict.code}`);
    return;
  }
  const next = verdict.next;
  const stillSees = sees(who, next);
  expect(res.statusCode, `${got}\nmodel: ${stillSees ? 200 : 204} → ${next.status}`).toBe(
    stillSees ? 200 : 204,
  );
  m.state = next;
  m.version += 1;
  m.events += 1;
  m.lastActorName = who.displayName;
  m.lastAt = now;
  if (stillSees) {
    const detail = res.json() as {
      status: string;
      version: number;
      owner: { id: string };
      allowedActions: { action: string }[];
    };
    expect(detail.status, got).toBe(next.status);
    expect(detail.version, got).toBe(m.version);
    expect(detail.owner.id, got).toBe(next.owner.id);
    expect(detail.allowedActions.map((a) => a.action).sort(), got).toEqual(
      allowedActions(next, decideCtx(next, who.actor)).sort(),
    );
  }
  count(`${body.action}:ok`);
  done(`${res.statusCode} ${next.status}`);
}

type Cmd = fc.AsyncCommand<Model, TestApp>;

const kinds = ['dispute', 'consultation', 'request'] as const;
/** Category per kind; the second of each is a labour dispute (its mediation clock is LD-14). */
const categories: Record<(typeof kinds)[number], [string, string]> = {
  dispute: ['MED-02', 'MED-10'],
  consultation: ['MED-02', 'MED-16'],
  request: ['MED-17', 'MED-16'],
};

class Register implements Cmd {
  constructor(
    readonly kind: (typeof kinds)[number],
    readonly urgent: boolean,
    readonly labour: boolean,
    readonly by: 'vclerk' | 'gw' | 'vmediator',
  ) {}
  check(m: Readonly<Model>) {
    return m.matters.length < 3;
  }
  async run(model: Model): Promise<void> {
    t.clock.advanceMinutes(1);
    const who = person(this.by);
    const sess = await session(who);
    const village = place('village');
    const categoryCode = categories[this.kind][this.labour ? 1 : 0];
    model.trail.push(this.toString());
    const res = await sess.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        kind: this.kind,
        channel: 'walk_in',
        categoryCode,
        title: '邻里排水沟堵塞纠纷',
        description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
        urgent: this.urgent,
        place: { villageId: village.row.id },
        parties: [
          { role: 'applicant', name: '王甲乙', phone: `139${String(10_000_000 + ++phoneSeq).slice(-8)}` },
          { role: 'respondent', name: '李丙丁' },
        ],
      },
    });
    const got = `${this.toString()} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    if (this.by === 'vmediator') {
      // A mediator does not register matters (intake roles: clerk, handler, leader, liaison, grid worker).
      expect(res.statusCode, got).toBe(403);
      count('register:403');
      model.trail[model.trail.length - 1] = `${this.toString()} → 403`;
      return;
    }
    expect(res.statusCode, got).toBe(201);
    const detail = (res.json() as { matter: { id: string; code: string; status: string; version: number } })
      .matter;
    const reg = registerMatter(
      {
        code: detail.code,
        kind: this.kind,
        owner: village.ref,
        urgent: this.urgent,
        labourDispute: categoryByCode(categoryCode)?.labourDispute === true,
      },
      { now: t.clock.now(), actor: who.actor },
    );
    if (!reg.ok) throw new Error(`the model refuses the registration: ${reg.message}`);
    expect(detail.status, got).toBe('registered');
    model.matters.push({
      id: detail.id,
      code: detail.code,
      state: reg.state,
      version: detail.version,
      events: 1,
      lastActorName: who.displayName,
      lastAt: t.clock.now().getTime(),
    });
    count('register:ok');
    model.trail[model.trail.length - 1] = `${this.toString()} → ${detail.code}`;
    await checkStored(model);
  }
  toString() {
    return `register(${this.kind}${this.urgent ? ', urgent' : ''}${this.labour ? ', labour' : ''}, by ${this.by})`;
  }
}

/** Actions that end a matter early are drawn less often, so walks get deep (to the archive). */
const ending = new Set<MatterAction>(['refuse', 'channel', 'merge', 'refer_to_court']);

/** A step the model allows someone to take now (the input may still be wrong now and then). */
class AllowedStep implements Cmd {
  constructor(readonly seed: number) {}
  check(m: Readonly<Model>) {
    return m.matters.some((x) => !isTerminal(x.state.status));
  }
  async run(model: Model): Promise<void> {
    const pick = picker(this.seed);
    const options = model.matters.flatMap((m) =>
      people
        .filter((p) => sees(p, m.state))
        .flatMap((p) => allowedActions(m.state, decideCtx(m.state, p.actor)).map((a) => ({ m, p, a })))
        .filter((o) => !SKIP.has(o.a)),
    );
    if (options.length === 0) return anyStep(model, pick);
    const actions = [...new Set(options.map((o) => o.a))];
    let wanted = oneOf(pick, actions);
    if (ending.has(wanted) && pick(4) !== 0) wanted = oneOf(pick, actions);
    const chosen = oneOf(
      pick,
      options.filter((o) => o.a === wanted),
    );
    const body = bodyFor(chosen.a, chosen.m, model, pick, pick(6) === 0);
    const expectedVersion = pick(4) === 0 ? chosen.m.version : undefined;
    await act(model, chosen.m, chosen.p, body, { expectedVersion });
  }
  toString() {
    return `allowed(${this.seed})`;
  }
}

/** Any action by anyone on any matter of the run: mostly refused (wrong status, role, org, input). */
async function anyStep(model: Model, pick: Pick): Promise<void> {
  const m = oneOf(pick, model.matters);
  const who = oneOf(pick, people);
  await act(model, m, who, bodyFor(oneOf(pick, actionsInPlay), m, model, pick, true));
}

class AnyStep implements Cmd {
  constructor(readonly seed: number) {}
  check(m: Readonly<Model>) {
    return m.matters.length > 0;
  }
  run(model: Model): Promise<void> {
    return anyStep(model, picker(this.seed));
  }
  toString() {
    return `any(${this.seed})`;
  }
}

/** A step sent with a version the matter had before its last change (or a future one). */
class StaleStep implements Cmd {
  constructor(readonly seed: number) {}
  check(m: Readonly<Model>) {
    return m.matters.length > 0;
  }
  async run(model: Model): Promise<void> {
    const pick = picker(this.seed);
    const m = oneOf(pick, model.matters);
    const who = oneOf(pick, people);
    const body = bodyFor(oneOf(pick, actionsInPlay), m, model, pick, false);
    const expectedVersion = m.version > 1 && pick(3) !== 0 ? m.version - 1 : m.version + 1 + pick(3);
    await act(model, m, who, body, { expectedVersion });
  }
  toString() {
    return `stale(${this.seed})`;
  }
}

const registerArb = fc
  .record({
    kind: fc.constantFrom(...kinds),
    urgent: fc.nat(4).map((n) => n === 0),
    labour: fc.nat(3).map((n) => n === 0),
    by: fc.constantFrom('vclerk', 'vclerk', 'vclerk', 'gw', 'vmediator') as fc.Arbitrary<
      'vclerk' | 'gw' | 'vmediator'
    >,
  })
  .map((r) => new Register(r.kind, r.urgent, r.labour, r.by));

const commandArb: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: registerArb, weight: 1 },
  { arbitrary: fc.nat().map((s) => new AllowedStep(s)), weight: 8 },
  { arbitrary: fc.nat().map((s) => new AnyStep(s)), weight: 3 },
  { arbitrary: fc.nat().map((s) => new StaleStep(s)), weight: 1 },
);

// ---------------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await createTestApp();
  const org = async (key: string, row: Promise<orgsRepo.OrgRow>) => {
    const r = await row;
    places.set(key, { key, row: r, ref: orgRefOf(r) });
  };
  await org('village', orgByDivision(t, '620602001001'));
  await org('village2', orgByDivision(t, '620602001002'));
  await org('town', orgByDivision(t, '620602001'));
  await org('district', orgByDivision(t, '620602'));
  await org('committee', orgByName(t, '南苑社区人民调解委员会'));
  await org('station', orgByName(t, '东大街街道司法所'));
  await org('dept', orgByName(t, '凉州区司法局'));
  expect(place('committee').row.name).toBe('南苑社区人民调解委员会');
  expect(place('dept').row.name).toBe('凉州区司法局');
  for (const [key, who] of cast) {
    const username = typeof who === 'string' ? who : (await buildUser(t, place(who[0]).row, who[1])).username;
    const s = await t.login(username);
    const { user } = (await s.request({ method: 'GET', url: '/api/auth/me' })).json() as {
      user: { id: string; displayName: string; roles: Role[]; org: { id: string } | null };
    };
    const orgRow = user.org ? await orgsRepo.byId(t.database.db, user.org.id) : undefined;
    if (!orgRow) throw new Error(`no org for ${username}`);
    people.push({
      key,
      username,
      userId: user.id,
      displayName: user.displayName,
      org: orgRow,
      actor: { type: 'staff', userId: user.id, roles: user.roles, org: orgRefOf(orgRow) },
      session: s,
      loggedInAt: t.clock.now().getTime(),
      lastUsed: t.clock.now().getTime(),
    });
  }
}, 120_000);
afterAll(() => t?.close());

describe('the matter lifecycle through the API against the pure lifecycle as its model', () => {
  it(
    `agrees with decide and keeps the stored invariants (${RUNS} runs × ≤ ${MAX_COMMANDS} commands)`,
    async () => {
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(
          registerArb,
          fc.commands([commandArb], { maxCommands: MAX_COMMANDS, size: 'max' }),
          async (first, cmds) => {
            const model: Model = { matters: [], trail: [] };
            const setup = async () => {
              await new Register(first.kind, first.urgent, first.labour, 'vclerk').run(model);
              return { model, real: t };
            };
            try {
              await fc.asyncModelRun(setup, cmds);
            } catch (e) {
              // Say what the run did, step by step, up to the step that failed.
              const steps = model.trail.map((line, i) => `  ${i + 1}. ${line}`).join('\n');
              throw new Error(`the run so far:\n${steps}\n${(e as Error).message}`, { cause: e });
            }
          },
        ),
        { numRuns: RUNS },
      );
      const ms = performance.now() - started;
      const steps = [...tally.values()].reduce((a, n) => a + n, 0);
      const byOutcome = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
      const ok = byOutcome.filter(([k]) => k.endsWith(':ok')).map(([k, n]) => `${k.slice(0, -3)} ${n}`);
      const refused = byOutcome.filter(([k]) => !k.endsWith(':ok')).reduce((a, [, n]) => a + n, 0);
      console.log(
        `lifecycle model: ${RUNS} runs, ${steps} commands in ${(ms / 1000).toFixed(1)} s ` +
          `(${(ms / RUNS).toFixed(0)} ms per run, ${(ms / steps).toFixed(1)} ms per command); ` +
          `${refused} refusals checked; successes: ${ok.join(', ')}`,
      );
      // The walks must get somewhere: steps succeed and steps are refused.
      expect(tally.get('accept:ok') ?? 0).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    },
    Math.max(120_000, RUNS * MAX_COMMANDS * 2_000),
  );
});

describe('extending a mediation (found by the model run)', () => {
  /** The due instant of the matter's live mediation clock (LOCAL-RT-1M: one month). */
  const mediationDue = async (id: string) => {
    const [d] = await rowsOf(
      sql`select due_at from deadlines where matter_id = ${id} and basis = 'LOCAL-RT-1M'
          and status in ('running', 'paused')`,
    );
    return new Date(String(d?.due_at)).getTime();
  };
  const post = async (who: string, url: string, payload: Record<string, unknown>) => {
    t.clock.advanceMinutes(1);
    return (await session(person(who))).request({ method: 'POST', url, payload });
  };

  it('moves the mediation deadline by the days granted, not by as many months', async () => {
    const reg = await post('vclerk', '/api/matters', {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '邻里排水沟堵塞纠纷',
      description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
      place: { villageId: place('village').row.id },
      parties: [{ role: 'applicant', name: '王甲乙', phone: '13912340000' }],
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = (reg.json() as { matter: { id: string } }).matter.id;
    const url = `/api/matters/${id}/actions`;
    for (const body of [{ action: 'accept' }, { action: 'start_mediation', initiative: 'application' }]) {
      const res = await post('vclerk', url, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const extend = (days: number) =>
      post('vleader', url, {
        action: 'extend_mediation',
        days,
        allPartiesConsent: true,
        reason: '双方同意延长',
      });
    const day = 86_400_000;
    const before = await mediationDue(id);
    let res = await extend(5);
    expect(res.statusCode, res.body).toBe(200);
    const once = await mediationDue(id);
    // 5 more days, plus at most a holiday's roll-over: not 5 more months (deadline-effects.ts adds the
    // granted days to the amount of a rule counted in months).
    const moved = 'days the one-month mediation deadline moved for an extension of 5 days';
    expect((once - before) / day, moved).toBeGreaterThanOrEqual(1);
    expect((once - before) / day, moved).toBeLessThanOrEqual(5 + 8);
    res = await extend(30);
    expect(res.statusCode, res.body).toBe(200);
    const twice = await mediationDue(id);
    expect((twice - before) / day).toBeLessThanOrEqual(35 + 8);
  });
});
