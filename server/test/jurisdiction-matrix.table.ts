/**
 * The jurisdiction matrix (docs/SECURITY.md G1/G2) as data, in the style of GitLab's permission tables
 * (`permission_table_for_*` with `where(:role, :relation, :expected)`): for every documented
 * operation and every demo account, what the account may do, and on which objects.
 * jurisdiction-matrix.test.ts sends every cell and fails when an answer differs, when a denied write
 * changed a row, or when a registered route has no row here (deny-by-default for tests too).
 *
 * Cell codes (one per actor column):
 *   J  the role holds the permission; objects are checked against jurisdiction: 2xx on `own` and
 *      `child` objects, 404 NOT_FOUND (the very body a missing id gets) on `parent`, `sibling`,
 *      `otherCounty` and `nonexistent`; a list holds only items inside the actor's subtree
 *   F  the role lacks the permission: 403 FORBIDDEN on every object, whatever its place
 *   A  not logged in: 401 UNAUTHENTICATED
 *   Y  allowed, and the operation has no object to place (public, own session, county-wide audit)
 *
 * Codes for lifecycle commands on matters, where jurisdiction is checked first (an invisible matter
 * is 404 like a missing one) and the lifecycle then decides by role and by the actor's org:
 *   O  only the owning org acts: 2xx on `own`; 403 FORBIDDEN on `child` (visible, but not the
 *      actor's matter); 404 NOT_FOUND outside the jurisdiction, as J
 *   R  the lifecycle refuses the role: 403 FORBIDDEN on `own` and `child`, 404 NOT_FOUND outside
 *   N  the actor has no jurisdiction at all (the resident): 404 NOT_FOUND on every object, existing
 *      or not, so nothing tells them apart
 */
import type { OrgKind } from '../../core/domain/orgs';
import type { Action } from '../../core/domain/permissions';

export const actorNames = [
  'admin',
  'sysadmin',
  'secadmin',
  'auditor',
  'leader',
  'town01-leader',
  'village-clerk',
  'town01-gw1',
  'liaison',
  'mediator',
  'resident',
  'anonymous',
] as const;
export type ActorName = (typeof actorNames)[number];

/** Where an object stands relative to the actor's org. */
export const relations = ['own', 'child', 'parent', 'sibling', 'otherCounty', 'nonexistent'] as const;
export type Relation = (typeof relations)[number];

/** Relations inside the actor's jurisdiction (their org's subtree). */
export const insideRelations: readonly Relation[] = ['own', 'child'];

/** How the test finds or makes an org of a frame. */
export type OrgSpec =
  | { division: string }
  | { name: string }
  | { otherCounty: 'district' | 'town' | 'village' }
  | { build: OrgKind; under: OrgSpec };

/**
 * The objects that stand for each relation, seen from one actor's org. Users of a relation are
 * made in the org of that relation; grids of a relation are the grids of the named village (a grid
 * sits where its village sits). `nonexistent` is always a fresh random id. A relation left out does
 * not exist for that frame (a district has no parent, a town has no grid of its own, …).
 */
export interface Frame {
  label: string;
  org: Partial<Record<Exclude<Relation, 'nonexistent'>, OrgSpec>>;
  gridVillage: Partial<Record<Exclude<Relation, 'nonexistent'>, OrgSpec>>;
}

const otherVillage: OrgSpec = { otherCounty: 'village' };

const districtFrame: Frame = {
  label: '凉州区 (620602)',
  org: {
    own: { division: '620602' },
    child: { division: '620602001' },
    otherCounty: { otherCounty: 'district' },
  },
  gridVillage: { child: { division: '620602001001' }, otherCounty: otherVillage },
};

const townFrame: Frame = {
  label: '东大街街道 (620602001)',
  org: {
    own: { division: '620602001' },
    child: { division: '620602001001' },
    parent: { division: '620602' },
    sibling: { division: '620602002' },
    otherCounty: { otherCounty: 'town' },
  },
  gridVillage: {
    child: { division: '620602001001' },
    sibling: { division: '620602002001' },
    otherCounty: otherVillage,
  },
};

const villageFrame: Frame = {
  label: '南苑社区 (620602001001)',
  org: {
    own: { division: '620602001001' },
    child: { name: '南苑社区人民调解委员会' },
    parent: { division: '620602001' },
    sibling: { division: '620602001002' },
    otherCounty: otherVillage,
  },
  gridVillage: {
    own: { division: '620602001001' },
    sibling: { division: '620602001002' },
    otherCounty: otherVillage,
  },
};

const departmentFrame: Frame = {
  label: '凉州区信访局',
  org: {
    own: { name: '凉州区信访局' },
    child: { build: 'unit', under: { name: '凉州区信访局' } },
    parent: { division: '620602' },
    sibling: { name: '凉州区司法局' },
    otherCounty: { build: 'department', under: { otherCounty: 'district' } },
  },
  // A department has no grids; any grid of the district lies under its parent, outside it.
  gridVillage: { parent: { division: '620602001001' }, otherCounty: otherVillage },
};

const mediationFrame: Frame = {
  label: '凉州区人民调解委员会',
  org: {
    // A mediation committee may have no sub-orgs (allowedChildKinds), so there is no `child`.
    own: { name: '凉州区人民调解委员会' },
    parent: { division: '620602' },
    sibling: { name: '凉州区医疗纠纷人民调解委员会' },
    otherCounty: { build: 'mediation_committee', under: { otherCounty: 'district' } },
  },
  gridVillage: { parent: { division: '620602001001' }, otherCounty: otherVillage },
};

export interface ActorSpec {
  /** Demo account (password zongzhi-demo); null: no session cookie at all. */
  username: string | null;
  frame: Frame;
}

/**
 * One demo account per role. The resident has no org and anonymous no account: their cells use the
 * village frame (the resident's own community) only to name objects; every one of them is denied.
 */
export const actors: Record<ActorName, ActorSpec> = {
  admin: { username: 'admin', frame: districtFrame },
  sysadmin: { username: 'sysadmin', frame: districtFrame },
  secadmin: { username: 'secadmin', frame: districtFrame },
  auditor: { username: 'auditor', frame: districtFrame },
  leader: { username: 'leader', frame: districtFrame },
  'town01-leader': { username: 'town01-leader', frame: townFrame },
  'village-clerk': { username: 'village-clerk', frame: villageFrame },
  'town01-gw1': { username: 'town01-gw1', frame: villageFrame },
  liaison: { username: 'liaison', frame: departmentFrame },
  mediator: { username: 'mediator', frame: mediationFrame },
  resident: { username: 'resident', frame: villageFrame },
  anonymous: { username: null, frame: villageFrame },
};

export const accessCodes = ['J', 'F', 'A', 'Y', 'O', 'R', 'N'] as const;
export type Access = (typeof accessCodes)[number];

export type ListKind =
  | 'orgs'
  | 'orgTree'
  | 'users'
  | 'grids'
  | 'gridFeatures'
  | 'events'
  | 'matters'
  | 'bodies'
  | 'meetings';

/**
 * What the operation acts on:
 * - none: public, own session or county-wide (one cell per actor);
 * - object: an org, user or grid named by the :id path parameter, or an org named in the body
 *   (the parent of a new org, the org of a new user); or a matter named by :id, whose relation is
 *   that of its owning org (首问负责: the org that registered it, until another signs for it), made
 *   through the intake service by a clerk of that org; one cell per actor × relation;
 * - list: one cell per actor for the unfiltered list, plus, with a filter, one per actor × relation
 *   for the filter pointing at that relation's org. `outside` says how a filter on an org outside
 *   the jurisdiction answers: `notFound`, 404 like a missing org; or `narrowed`, 200 with only the
 *   items that match the filter and lie inside the jurisdiction (for the parent org's children that
 *   is the actor's own org; for a sibling, the other county or a missing org it is nothing: the same
 *   answer either way, so there is no existence oracle).
 */
export type Shape =
  | { kind: 'none' }
  | {
      kind: 'object';
      target:
        | 'org'
        | 'user'
        | 'grid'
        | 'matter'
        | 'body'
        | 'meeting'
        | 'warning'
        | 'dispatchMeeting'
        | 'jointTask'
        | 'measure'
        | 'referral'
        | 'trainingSession'
        | 'roster'
        | 'shift'
        | 'village'
        | 'attestation';
    }
  | {
      kind: 'list';
      list: ListKind;
      filter?: { param: 'orgId' | 'parentId'; outside: 'notFound' | 'narrowed' };
    };

export interface MatrixRow {
  op: string;
  shape: Shape;
  /** Status of an allowed call. */
  ok: 200 | 201 | 204;
  access: Record<ActorName, Access>;
}

function row(op: string, shape: Shape, ok: MatrixRow['ok'], cells: string): MatrixRow {
  const codes = cells.trim().split(/\s+/);
  if (
    codes.length !== actorNames.length ||
    codes.some((c) => !(accessCodes as readonly string[]).includes(c))
  ) {
    throw new Error(
      `matrix row ${op}: expected ${actorNames.length} cells of ${accessCodes.join('/')}, got "${cells}"`,
    );
  }
  const access = Object.fromEntries(actorNames.map((a, i) => [a, codes[i] as Access])) as Record<
    ActorName,
    Access
  >;
  return { op, shape, ok, access };
}

const none: Shape = { kind: 'none' };
const org: Shape = { kind: 'object', target: 'org' };
const user: Shape = { kind: 'object', target: 'user' };
const grid: Shape = { kind: 'object', target: 'grid' };
const matter: Shape = { kind: 'object', target: 'matter' };
const body: Shape = { kind: 'object', target: 'body' };
const meeting: Shape = { kind: 'object', target: 'meeting' };
const warning: Shape = { kind: 'object', target: 'warning' };
const dispatchMeeting: Shape = { kind: 'object', target: 'dispatchMeeting' };
const jointTask: Shape = { kind: 'object', target: 'jointTask' };
const measure: Shape = { kind: 'object', target: 'measure' };
const referral: Shape = { kind: 'object', target: 'referral' };
const trainingSession: Shape = { kind: 'object', target: 'trainingSession' };
const roster: Shape = { kind: 'object', target: 'roster' };
const shift: Shape = { kind: 'object', target: 'shift' };
const village: Shape = { kind: 'object', target: 'village' };
const attestation: Shape = { kind: 'object', target: 'attestation' };

// biome-ignore format: the columns line up with the actor names.
export const matrix: MatrixRow[] = [
  //                                                                                      admin sysad secad audit leadr t-ldr v-clk gw    liais medtr resid anon
  row('GET /healthz',                         none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /readyz',                          none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  // The test app's requests come from loopback, where /metrics answers without a token (metrics.test.ts covers the rest).
  row('GET /metrics',                         none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/auth/login',                 none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/auth/logout',                none,                                  204, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  row('GET /api/auth/me',                     none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  row('POST /api/auth/password',              none,                                  204, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  // A second factor: anyone logged in may bind one (some roles must, docs/SECURITY.md G9).
  row('POST /api/auth/totp/enrol',            none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  row('POST /api/auth/totp/confirm',          none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  row('GET /api/auth/step-up',                none,                                  204, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  row('POST /api/auth/step-up',               none,                                  204, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  row('GET /api/counties',                    none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /api/geo/boundary',                none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /api/geo/places',                  none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  // The optional tile layer's settings (天地图 URL and browser key): public, as any browser map needs them.
  row('GET /api/geo/tiles',                   none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /api/geo/locate',                  none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),

  // org.read: every staff role but the audit administrator (三权分立: the auditor reads only the log).
  row('GET /api/orgs/tree',                   { kind: 'list', list: 'orgTree' },     200, 'J     J     J     F     J     J     J     J     J     J     F     A'),
  row('GET /api/orgs',                        { kind: 'list', list: 'orgs',
                                                filter: { param: 'parentId', outside: 'narrowed' } },
                                                                                     200, 'J     J     J     F     J     J     J     J     J     J     F     A'),
  row('GET /api/orgs/:id',                    org,                                   200, 'J     J     J     F     J     J     J     J     J     J     F     A'),
  // org.manage: the business administrator only. The org named is the new org's parent.
  row('POST /api/orgs',                       org,                                   201, 'J     F     F     F     F     F     F     F     F     F     F     A'),
  row('PATCH /api/orgs/:id',                  org,                                   200, 'J     F     F     F     F     F     F     F     F     F     F     A'),

  // user.read: leaders and the administrators (not the auditor).
  row('GET /api/users',                       { kind: 'list', list: 'users',
                                                filter: { param: 'orgId', outside: 'narrowed' } },
                                                                                     200, 'J     J     J     F     J     J     F     F     F     F     F     A'),
  row('GET /api/users/:id',                   user,                                  200, 'J     J     J     F     J     J     F     F     F     F     F     A'),
  // user.manage: the system administrator. The org named is the new user's org.
  row('POST /api/users',                      org,                                   201, 'F     J     F     F     F     F     F     F     F     F     F     A'),
  row('PATCH /api/users/:id',                 user,                                  200, 'F     J     F     F     F     F     F     F     F     F     F     A'),
  row('POST /api/users/:id/reset-password',   user,                                  200, 'F     J     F     F     F     F     F     F     F     F     F     A'),
  // user.grant_role, user.unlock: the security administrator.
  row('PUT /api/users/:id/roles',             user,                                  200, 'F     F     J     F     F     F     F     F     F     F     F     A'),
  row('POST /api/users/:id/unlock',           user,                                  200, 'F     F     J     F     F     F     F     F     F     F     F     A'),
  row('POST /api/users/:id/reset-two-factor', user,                                  200, 'F     F     J     F     F     F     F     F     F     F     F     A'),
  // user.approve_reset: the security administrator decides the system administrator's resets of
  // leaders and business administrators (the pending list holds only accounts of the subtree).
  row('GET /api/users/password-resets',       none,                                  200, 'F     F     Y     F     F     F     F     F     F     F     F     A'),
  row('POST /api/users/password-resets/:id/approve', user,                           200, 'F     F     J     F     F     F     F     F     F     F     F     A'),
  row('POST /api/users/password-resets/:id/reject',  user,                           200, 'F     F     J     F     F     F     F     F     F     F     F     A'),

  // grid.read: as org.read.
  row('GET /api/grids',                       { kind: 'list', list: 'grids',
                                                filter: { param: 'orgId', outside: 'notFound' } },
                                                                                     200, 'J     J     J     F     J     J     J     J     J     J     F     A'),
  row('GET /api/grids.geojson',               { kind: 'list', list: 'gridFeatures',
                                                filter: { param: 'orgId', outside: 'notFound' } },
                                                                                     200, 'J     J     J     F     J     J     J     J     J     J     F     A'),
  row('GET /api/grids/:id',                   grid,                                  200, 'J     J     J     F     J     J     J     J     J     J     F     A'),
  // grid.assign_worker: the business administrator and leaders.
  row('PUT /api/grids/:id/workers',           grid,                                  200, 'J     F     F     F     J     J     F     F     F     F     F     A'),

  // audit.read, audit.verify: the audit administrator only, over their own county's log.
  row('GET /api/events',                      { kind: 'list', list: 'events' },      200, 'F     F     F     J     F     F     F     F     F     F     F     A'),
  row('POST /api/events/verify',              none,                                  200, 'F     F     F     Y     F     F     F     F     F     F     F     A'),

  // Matters (query.service staff(), matter.work): the worker roles read; administrators, the auditor
  // and the resident do not. Intake (matter.intake): every worker role but the mediator, for
  // the actor's own org only (首问负责; the body names no org, only a village for the place).
  row('POST /api/matters',                    none,                                  201, 'F     F     F     F     Y     Y     Y     Y     Y     F     F     A'),
  row('GET /api/matters',                     { kind: 'list', list: 'matters' },     200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('GET /api/matters/queues',              none,                                  200, 'F     F     F     F     Y     Y     Y     Y     Y     Y     F     A'),
  row('GET /api/matters/:id',                 matter,                                200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  // By a party's phone: the matter is found inside the jurisdiction; outside, as for no match, 404.
  row('POST /api/matters/identity-search',    matter,                                200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  // The notice is the one-time notice (一次性告知) intake served for the matter's serviceCode.
  row('GET /api/matters/:id/notices/:noticeId', matter,                              200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  // {action:'accept'} on a registered dispute: transitions-intake.ts `accept` needs matter.route (clerk,
  // handler, leader, dept_liaison) and actor rule `owner` (actor-rules.ts: the owning org itself, not
  // one above it). actions.service checks visibility before any role, so a role the lifecycle refuses
  // still gets 404 outside its subtree; the resident has no subtree. The same route with {action:
  // 'withdraw'} (owning org or above, never the handler) has its cells in
  // server/src/modules/matters/petition-endings.test.ts; the transition table pins every action's rule.
  row('POST /api/matters/:id/actions',        matter,                                200, 'F     F     F     F     O     O     O     R     O     R     F     A'),
  // 督办 (supervision.service superviseByHand): a leader of the owning org or of an org above it.
  // config.manage: the business administrator edits the county's routing rules (versioned).
  row('GET /api/config/routing-rules',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/routing-rules',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('POST /api/config/routing-rules/test',  none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  // 诉调对接 (court.service): whoever sees the matter reads its court dealings; the owning org's
  // mediators, handlers, clerks and leaders push a failed mediation to the court (the lifecycle's
  // refer_to_court: roles and actor `owner`) or apply for judicial confirmation of an agreement.
  row('GET /api/matters/:id/court',           matter,                                200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('POST /api/matters/:id/court/referral', matter,                                201, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  row('POST /api/matters/:id/court/confirmation', matter,                            201, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  row('GET /api/matters/:id/court/:caseId/application.pdf', matter,                  200, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  // 调解协议 (agreements.service): read by whoever sees the matter; drafted, signed and printed (full
  // names) by the owning org's mediators, handlers, clerks and leaders, or the assigned mediator.
  row('GET /api/matters/:id/agreements',      matter,                                200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('PUT /api/matters/:id/agreements',      matter,                                200, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  row('POST /api/matters/:id/agreements/:agreementId/signatures', matter,            200, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  row('POST /api/matters/:id/agreements/:agreementId/performance', matter,           200, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  row('GET /api/matters/:id/agreements/:agreementId/pdf', matter,                    200, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  // The roster of mediators: read by staff who work matters and the business administrator (the
  // county's mediators are no one's personal data), kept by the business administrator.
  row('GET /api/mediators',                   none,                                  200, 'Y     F     F     F     Y     Y     Y     Y     Y     Y     F     A'),
  row('PUT /api/mediators/:id/profile',       none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  // Printed notices: whoever may read the notice (printing is recorded).
  row('GET /api/matters/:id/notices/:noticeId/pdf', matter,                          200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('GET /api/config/court-docking',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/court-docking',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  // 本地时限: the business administrator, versioned like the routing rules.
  row('GET /api/config/time-limits',          none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/time-limits',          none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  // A simulated clock moved forward (clock.service): the system administrator only.
  row('POST /api/system/clock',               none,                                  200, 'F     Y     F     F     F     F     F     F     F     F     F     A'),
  // 节假日安排 (calendar.service): the business administrator keeps the years, versioned; whoever is
  // logged in may read how far they reach (the warning banner).
  row('GET /api/calendar/coverage',           none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  row('GET /api/config/holidays',             none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('GET /api/config/holidays/:year',       none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('POST /api/config/holidays/preview',    none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/holidays/:year',       none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/county-rest-days',     none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  // 事项目录 and 通知模板: the business administrator, versioned like the routing rules.
  row('GET /api/config/catalog',              none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/catalog',              none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('GET /api/config/notice-templates',     none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/notice-templates',     none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('POST /api/config/notice-templates/preview', none,                             200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  // 掌上入口 (portals.service): the business administrator, versioned like the catalog.
  row('GET /api/config/town-portals',         none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/town-portals',         none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('GET /api/config/risk-policies',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/risk-policies',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('GET /api/config/duty-standard',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/duty-standard',        none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('GET /api/config/referral-providers',   none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  row('PUT /api/config/referral-providers',   none,                                  200, 'Y     F     F     F     F     F     F     F     F     F     F     A'),
  // Parties added or corrected after intake (parties.service): the owning org's mediators, handlers,
  // clerks and leaders, or the assigned mediator, as for the agreement the parties go into.
  row('POST /api/matters/:id/parties',        matter,                                201, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  row('PATCH /api/matters/:id/parties/:partyId', matter,                             200, 'F     F     F     F     O     O     O     R     R     O     F     A'),
  // Attachments: whoever sees the matter may add and read them (reads are audited).
  row('POST /api/matters/:id/attachments',    matter,                                201, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('GET /api/matters/:id/attachments',     matter,                                200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('GET /api/matters/:id/attachments/:attachmentId', matter,                      200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('GET /api/matters/:id/attachments/:attachmentId/thumbnail', matter,            200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  // 咨询解疑 search: staff who work matters; results are limited to their jurisdiction.
  row('GET /api/matters/consultations/earlier-answers', none,                         200, 'F     F     F     F     Y     Y     Y     Y     Y     Y     F     A'),
  // 一次性告知: asking for a material is recorded (a violation when it is not on the notice).
  row('POST /api/matters/:id/materials',      matter,                                200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('POST /api/matters/:id/supervision',    matter,                                200, 'F     F     F     F     J     J     F     F     F     F     F     A'),

  // The grid worker's kit (field.service gridWorker()): grid workers only, on their own records;
  // reports register for the worker's own village like window intake (首问负责).
  row('GET /api/field/home',                  none,                                  200, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  row('POST /api/field/reports',              none,                                  201, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  row('POST /api/field/logs',                 none,                                  201, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  row('GET /api/field/logs',                  none,                                  200, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  // 网格员队伍 (workforce.service): workforce.read lists the roster and the assessment of the actor's
  // subtree (an org filter outside it is 404: workforce.test.ts); workforce.manage hands a worker's
  // grids over and gives the town's points, on workers inside the jurisdiction. The grid worker
  // reads only his own record.
  row('GET /api/workforce/roster',            none,                                  200, 'Y     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('POST /api/workforce/workers/:id/handover', user,                              200, 'J     F     F     F     J     J     F     F     F     F     F     A'),
  row('PUT /api/workforce/workers/:id/town-points', user,                            200, 'J     F     F     F     J     J     F     F     F     F     F     A'),
  row('GET /api/workforce/assessment',        none,                                  200, 'Y     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('GET /api/workforce/assessment.xlsx',   none,                                  200, 'Y     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('GET /api/workforce/me',                none,                                  200, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  // 日常培训 (training/sessions.service, due.service): courses are the county's (workforce.read lists
  // them; workforce.manage at the district level creates them, so a town leader's 403 is the level,
  // not the role); sessions are held by an org and recorded by training.record inside the jurisdiction
  // (the due list's org filter outside it is 404: training.test.ts); the test is the grid worker's own.
  row('GET /api/training/courses',            none,                                  200, 'Y     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('POST /api/training/courses',           none,                                  201, 'Y     F     F     F     Y     F     F     F     F     F     F     A'),
  row('GET /api/training/sessions',           none,                                  200, 'Y     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('POST /api/training/sessions',          org,                                   201, 'J     F     F     F     J     J     J     F     F     F     F     A'),
  row('GET /api/training/sessions/:id',       trainingSession,                       200, 'J     F     F     F     J     J     J     F     F     F     F     A'),
  row('PUT /api/training/sessions/:id/attendance', trainingSession,                  200, 'J     F     F     F     J     J     J     F     F     F     F     A'),
  row('GET /api/training/due',                none,                                  200, 'Y     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('GET /api/training/me',                 none,                                  200, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  row('GET /api/training/me/courses/:id/test', none,                                 200, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  row('POST /api/training/me/courses/:id/attempts', none,                            200, 'F     F     F     F     F     F     F     Y     F     F     F     A'),
  // dashboard.view: leaders, each over their own subtree (a filter outside it is 404, tested in
  // modules/dashboard/dashboard.test.ts); no object is named here.
  row('GET /api/dashboard/kpis',              none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  // dashboard.region: 市/省级领导 only, a role none of these county actors holds (region.test.ts
  // covers the holder); aggregates per county, no object named.
  row('GET /api/dashboard/region',            none,                                  200, 'F     F     F     F     F     F     F     F     F     F     F     A'),
  row('GET /api/dashboard/trend',             none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/dashboard/map',               none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/dashboard/live',              none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/dashboard/matters',           none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/dashboard/matters.xlsx',      none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  // 联动调解 (linked-mediation): a handoff needs a 派出所 account (none here: 403 for every staff role);
  // the station's record lists the handoffs of the caller's subtree (linked.police_refer: clerks,
  // handlers, leaders); the per-route figures are the leaders' (dashboard.view).
  row('POST /api/linked-mediation/police-referrals', none,                           201, 'F     F     F     F     F     F     F     F     F     F     F     A'),
  row('GET /api/linked-mediation/police-referrals', none,                            200, 'F     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('GET /api/linked-mediation/figures',    none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  // 风险预警 (risk.service): leaders (dashboard.view) over the warnings addressed to their subtree;
  // a warning elsewhere answers 404 like a missing one.
  row('GET /api/risk/warnings',               none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/risk/dismissal-rates',        none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/risk/warnings/:id',           warning,                               200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  row('POST /api/risk/warnings/:id/dismiss',  warning,                               200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  row('POST /api/risk/warnings/:id/supervision', warning,                            200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  // 列入研判会议: onto a meeting of a 研判会 of the leader's own center (review-agenda.service).
  row('GET /api/risk/review-meetings',        none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('POST /api/risk/warnings/:id/review',   warning,                               200, 'F     F     F     F     J     J     F     F     F     F     F     A'),

  // 治未病 measures (risk/measures.service): read and decided by leaders over the warning; completed by
  // the staff (dispatch.act) of the responsible unit or the warning's org, or above them.
  row('GET /api/risk/warnings/:id/measures',  warning,                               200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  row('POST /api/risk/warnings/:id/measures', warning,                               200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  // 转介服务 (referrals.service): staff who work matters refer them (referral.create; the matter must lie
  // in the actor's subtree); provider staff work their queue (referral.provide). A referral is seen
  // through its matter or by the provider; the referring side withdraws it, a liaison (provide only) may not.
  row('GET /api/referrals/providers',         none,                                  200, 'F     F     F     F     Y     Y     Y     F     F     Y     F     A'),
  row('GET /api/referrals/queue',             none,                                  200, 'F     F     F     F     Y     Y     Y     F     Y     F     F     A'),
  row('GET /api/matters/:id/referrals',       matter,                                200, 'F     F     F     F     J     J     J     F     J     J     F     A'),
  row('POST /api/matters/:id/referrals',      matter,                                200, 'F     F     F     F     J     J     J     F     F     J     F     A'),
  row('GET /api/referrals/:id',               referral,                              200, 'F     F     F     F     J     J     J     F     J     J     F     A'),
  row('POST /api/referrals/:id/actions',      referral,                              200, 'F     F     F     F     J     J     J     F     R     J     F     A'),
  row('POST /api/risk/measures/:id/complete', measure,                               200, 'F     F     F     F     J     J     J     F     J     J     F     A'),
  row('GET /api/risk/measure-effects',        none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),

  // 工作调度会 (dispatch/meetings.service): leaders of a town or district center (dispatch.convene) call
  // it and record its decisions; a meeting elsewhere answers 404 like a missing one.
  row('GET /api/dispatch/participant-options', none,                                 200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/dispatch/agenda-draft',       none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/dispatch/meetings',           none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('POST /api/dispatch/meetings',          none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/dispatch/meetings/:id',       dispatchMeeting,                       200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  row('POST /api/dispatch/meetings/:id/tasks', dispatchMeeting,                      200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  // Joint tasks (dispatch/tasks.service): the working staff (dispatch.act) of the lead unit, a co-unit or
  // the convening center, or above them; the core table then decides by part (lead, co-unit, convener).
  row('GET /api/dispatch/tasks',              none,                                  200, 'F     F     F     F     Y     Y     Y     F     Y     Y     F     A'),
  row('GET /api/dispatch/tasks/:id',          jointTask,                             200, 'F     F     F     F     J     J     J     F     J     J     F     A'),
  row('POST /api/dispatch/tasks/:id/progress', jointTask,                            200, 'F     F     F     F     J     J     J     F     J     J     F     A'),
  row('POST /api/dispatch/tasks/:id/complete', jointTask,                            200, 'F     F     F     F     J     J     J     F     J     J     F     A'),
  row('POST /api/dispatch/tasks/:id/withdraw', jointTask,                            200, 'F     F     F     F     J     J     J     F     J     J     F     A'),

  // 社会治安联防 (safety/rosters.service): a town or district center's leader (dispatch.convene) makes the
  // roster; each shift is seen and reported by the working staff (dispatch.act) of its unit or above it.
  row('GET /api/safety/unit-options',         none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/safety/rosters',              none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('POST /api/safety/rosters',             none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('GET /api/safety/rosters/:id',          roster,                                200, 'F     F     F     F     J     J     F     F     F     F     F     A'),
  row('GET /api/safety/shifts',               none,                                  200, 'F     F     F     F     Y     Y     Y     F     Y     Y     F     A'),
  row('POST /api/safety/shifts/:id/report',   shift,                                 200, 'F     F     F     F     J     J     J     F     J     J     F     A'),
  row('GET /api/safety/today',                none,                                  200, 'F     F     F     F     Y     Y     Y     F     Y     Y     F     A'),
  // 平安建设 targets (safety/targets.service): leaders read their villages; the town states an attested
  // target (a district leader is refused on a village it sees), the district reviews (a town is refused).
  row('GET /api/safety/targets',              none,                                  200, 'F     F     F     F     Y     Y     F     F     F     F     F     A'),
  row('POST /api/safety/villages/:id/targets/:code/attest', village,                 200, 'F     F     F     F     R     J     F     F     F     F     F     A'),
  row('POST /api/safety/attestations/:id/review', attestation,                       200, 'F     F     F     F     J     R     F     F     F     F     F     A'),

  // The resident's side without an account (public.routes.ts): anyone, with or without a session;
  // track and act need the matter's code, tracking secret and applicant phone (else 404).
  // The county's catalog as offered today (办事指南, the submit form): public, nothing personal.
  row('GET /api/public/catalog',              none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  // A town's own entry (掌上四坝): public, nothing personal.
  row('GET /api/public/towns/:slug',          none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/public/matters',             none,                                  201, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/public/matters/track',       none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/public/matters/act',         none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/public/matters/documents',   none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/public/matters/attachments', none,                                  201, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),

  // The court platform's calls (court-inbound.routes.ts) authenticate by signature, not session:
  // a signed call is taken whoever's cookie rides along (the unsigned are refused: court.test.ts).
  row('POST /api/court/v1/mediation-requests', none,                                 201, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/court/v1/confirmation-rulings', none,                               201, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /api/court/v1/case-registrations', none,                                 201, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),

  // Open311 GeoReport v2 (open311.routes.ts): public, the client proves itself with api_key, any
  // session sent along is ignored (so every actor gets the same answer).
  row('GET /open311/v2/discovery.:format',    none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /open311/v2/services.:format',     none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /open311/v2/services/:code.:format', none,                                200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /open311/v2/requests.:format',    none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /open311/v2/requests.:format',     none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /open311/v2/requests/:id.:format', none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /open311/v2/tokens/:id.:format',   none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('GET /open311/v2/servicerequestupdates.:format', none,                         200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  row('POST /open311/v2/servicerequestupdates.:format', none,                        200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),
  // open311.manage: the system administrator issues, lists and revokes the keys of their county.
  row('GET /api/open311/clients',             none,                                  200, 'F     Y     F     F     F     F     F     F     F     F     F     A'),
  row('POST /api/open311/clients',            none,                                  201, 'F     Y     F     F     F     F     F     F     F     F     F     A'),
  row('POST /api/open311/clients/:id/revoke', none,                                  200, 'F     Y     F     F     F     F     F     F     F     F     F     A'),
  // 村务公开 (public-deliberation.routes.ts): published decisions of a village, for anyone.
  row('GET /api/public/deliberation/decisions', none,                                200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y'),

  // Deliberation (deliberation/access.ts): staff who work matters read bodies and meetings attached
  // inside their subtree (a body or meeting stands where its org stands); clerks, handlers and
  // leaders run them; anyone else holding no seat is refused (403) whatever the object. A body is
  // created for the actor's own org (a sibling's org answers 404: deliberation.test.ts).
  row('GET /api/deliberation/bodies',         { kind: 'list', list: 'bodies' },      200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('POST /api/deliberation/bodies',        none,                                  201, 'F     F     F     F     Y     Y     Y     F     F     F     F     A'),
  row('GET /api/deliberation/bodies/:id',     body,                                  200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  // 评判团 opinions on a dispute under mediation: clerks, handlers, leaders and mediators.
  row('POST /api/deliberation/bodies/:id/opinions', body,                            201, 'F     F     F     F     J     J     J     F     F     J     F     A'),
  row('POST /api/deliberation/bodies/:id/service-requests', body,                    201, 'F     F     F     F     J     J     J     F     F     F     F     A'),
  // A service assignment stands where its service team stands.
  row('POST /api/deliberation/contributions/:id/done', body,                         200, 'F     F     F     F     J     J     J     F     F     F     F     A'),
  row('GET /api/deliberation/meetings',       { kind: 'list', list: 'meetings' },    200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('POST /api/deliberation/meetings',      body,                                  201, 'F     F     F     F     J     J     J     F     F     F     F     A'),
  row('GET /api/deliberation/meetings/:id',   meeting,                               200, 'F     F     F     F     J     J     J     J     J     J     F     A'),
  row('POST /api/deliberation/meetings/:id/speakers', meeting,                       200, 'F     F     F     F     J     J     J     F     F     F     F     A'),
  row('POST /api/deliberation/meetings/:id/hold', meeting,                           200, 'F     F     F     F     J     J     J     F     F     F     F     A'),
  row('POST /api/deliberation/meetings/:id/items/:itemId/decision', meeting,         200, 'F     F     F     F     J     J     J     F     F     F     F     A'),
  row('POST /api/deliberation/meetings/:id/publish', meeting,                        200, 'F     F     F     F     J     J     J     F     F     F     F     A'),
  row('GET /api/deliberation/matters/:id/links', matter,                             200, 'F     F     F     F     J     J     J     J     J     J     F     A'),

  // The signed-in account's own in-app messages (notifications module).
  row('GET /api/notifications/messages',      none,                                  200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
  // Each account marks a message of its own (another account's answers 404: deliberation.test.ts).
  row('POST /api/notifications/messages/:id/read', none,                             200, 'Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     A'),
];

/**
 * The permission (core/domain/permissions.ts) behind each row's role gate. jurisdiction-matrix.test.ts
 * checks every row listed here against the grant table: an actor is denied (F, or R where the
 * lifecycle refuses) exactly when his roles lack the permission. So the cells above cannot drift from
 * the grants, and a role granted a permission is expected to pass its rows. Rows left out have no
 * role gate (public, own session) or one that is not a single permission.
 */
export const gates: Partial<Record<string, Action>> = {
  'GET /api/orgs/tree': 'org.read',
  'GET /api/orgs': 'org.read',
  'GET /api/orgs/:id': 'org.read',
  'POST /api/orgs': 'org.manage',
  'PATCH /api/orgs/:id': 'org.manage',
  'GET /api/users': 'user.read',
  'GET /api/users/:id': 'user.read',
  'POST /api/users': 'user.manage',
  'PATCH /api/users/:id': 'user.manage',
  'POST /api/users/:id/reset-password': 'user.manage',
  'PUT /api/users/:id/roles': 'user.grant_role',
  'POST /api/users/:id/unlock': 'user.unlock',
  'POST /api/users/:id/reset-two-factor': 'user.unlock',
  'GET /api/users/password-resets': 'user.approve_reset',
  'POST /api/users/password-resets/:id/approve': 'user.approve_reset',
  'POST /api/users/password-resets/:id/reject': 'user.approve_reset',
  'GET /api/grids': 'grid.read',
  'GET /api/grids.geojson': 'grid.read',
  'GET /api/grids/:id': 'grid.read',
  'PUT /api/grids/:id/workers': 'grid.assign_worker',
  'GET /api/events': 'audit.read',
  'POST /api/events/verify': 'audit.verify',
  'POST /api/matters': 'matter.intake',
  'GET /api/matters': 'matter.work',
  'GET /api/matters/queues': 'matter.work',
  'GET /api/matters/:id': 'matter.work',
  'POST /api/matters/identity-search': 'matter.work',
  'GET /api/matters/:id/notices/:noticeId': 'matter.work',
  'GET /api/matters/:id/court': 'matter.work',
  'GET /api/matters/:id/agreements': 'matter.work',
  'GET /api/matters/:id/notices/:noticeId/pdf': 'matter.work',
  'POST /api/matters/:id/attachments': 'matter.work',
  'GET /api/matters/:id/attachments': 'matter.work',
  'GET /api/matters/:id/attachments/:attachmentId': 'matter.work',
  'GET /api/matters/:id/attachments/:attachmentId/thumbnail': 'matter.work',
  'GET /api/matters/consultations/earlier-answers': 'matter.work',
  'POST /api/matters/:id/materials': 'matter.work',
  'POST /api/matters/:id/actions': 'matter.route',
  'POST /api/matters/:id/court/referral': 'court.dock',
  'POST /api/matters/:id/court/confirmation': 'court.dock',
  'GET /api/matters/:id/court/:caseId/application.pdf': 'court.dock',
  'PUT /api/matters/:id/agreements': 'mediation.agreement',
  'POST /api/matters/:id/agreements/:agreementId/signatures': 'mediation.agreement',
  'POST /api/matters/:id/agreements/:agreementId/performance': 'mediation.agreement',
  'GET /api/matters/:id/agreements/:agreementId/pdf': 'mediation.agreement',
  'GET /api/mediators': 'mediator.read',
  'POST /api/matters/:id/parties': 'matter.edit_parties',
  'PATCH /api/matters/:id/parties/:partyId': 'matter.edit_parties',
  'POST /api/matters/:id/supervision': 'matter.supervise',
  'GET /api/field/home': 'field.work',
  'POST /api/field/reports': 'field.work',
  'POST /api/field/logs': 'field.work',
  'GET /api/field/logs': 'field.work',
  'GET /api/workforce/me': 'field.work',
  'GET /api/workforce/roster': 'workforce.read',
  'GET /api/workforce/assessment': 'workforce.read',
  'GET /api/workforce/assessment.xlsx': 'workforce.read',
  'POST /api/workforce/workers/:id/handover': 'workforce.manage',
  'PUT /api/workforce/workers/:id/town-points': 'workforce.manage',
  'GET /api/dashboard/kpis': 'dashboard.view',
  'GET /api/dashboard/region': 'dashboard.region',
  'GET /api/dashboard/trend': 'dashboard.view',
  'GET /api/dashboard/map': 'dashboard.view',
  'GET /api/dashboard/live': 'dashboard.view',
  'GET /api/dashboard/matters': 'dashboard.view',
  'GET /api/dashboard/matters.xlsx': 'dashboard.view',
  'GET /api/risk/warnings': 'dashboard.view',
  'GET /api/risk/dismissal-rates': 'dashboard.view',
  'GET /api/risk/warnings/:id': 'dashboard.view',
  'GET /api/risk/warnings/:id/measures': 'dashboard.view',
  'GET /api/risk/measure-effects': 'dashboard.view',
  'POST /api/risk/warnings/:id/measures': 'dispatch.convene',
  'GET /api/dispatch/participant-options': 'dispatch.convene',
  'GET /api/dispatch/agenda-draft': 'dispatch.convene',
  'GET /api/dispatch/meetings': 'dispatch.convene',
  'POST /api/dispatch/meetings': 'dispatch.convene',
  'GET /api/dispatch/meetings/:id': 'dispatch.convene',
  'POST /api/dispatch/meetings/:id/tasks': 'dispatch.convene',
  'POST /api/risk/measures/:id/complete': 'dispatch.act',
  'GET /api/dispatch/tasks': 'dispatch.act',
  'GET /api/dispatch/tasks/:id': 'dispatch.act',
  'POST /api/dispatch/tasks/:id/progress': 'dispatch.act',
  'POST /api/dispatch/tasks/:id/complete': 'dispatch.act',
  'POST /api/dispatch/tasks/:id/withdraw': 'dispatch.act',
  'GET /api/open311/clients': 'open311.manage',
  'POST /api/open311/clients': 'open311.manage',
  'POST /api/open311/clients/:id/revoke': 'open311.manage',
  'POST /api/system/clock': 'clock.set',
  'GET /api/config/routing-rules': 'config.manage',
  'PUT /api/config/routing-rules': 'config.manage',
  'POST /api/config/routing-rules/test': 'config.manage',
  'PUT /api/mediators/:id/profile': 'config.manage',
  'GET /api/config/court-docking': 'config.manage',
  'PUT /api/config/court-docking': 'config.manage',
  'GET /api/config/time-limits': 'config.manage',
  'PUT /api/config/time-limits': 'config.manage',
  'GET /api/config/holidays': 'config.manage',
  'GET /api/config/holidays/:year': 'config.manage',
  'POST /api/config/holidays/preview': 'config.manage',
  'PUT /api/config/holidays/:year': 'config.manage',
  'PUT /api/config/county-rest-days': 'config.manage',
  'GET /api/config/catalog': 'config.manage',
  'PUT /api/config/catalog': 'config.manage',
  'GET /api/config/notice-templates': 'config.manage',
  'PUT /api/config/notice-templates': 'config.manage',
  'POST /api/config/notice-templates/preview': 'config.manage',
  'GET /api/config/town-portals': 'config.manage',
  'PUT /api/config/town-portals': 'config.manage',
  'GET /api/config/risk-policies': 'config.manage',
  'PUT /api/config/risk-policies': 'config.manage',
  'GET /api/config/duty-standard': 'config.manage',
  'PUT /api/config/duty-standard': 'config.manage',
  'GET /api/config/referral-providers': 'config.manage',
  'PUT /api/config/referral-providers': 'config.manage',
  'GET /api/deliberation/bodies': 'deliberation.attend',
  'GET /api/deliberation/bodies/:id': 'deliberation.attend',
  'GET /api/deliberation/meetings': 'deliberation.attend',
  'GET /api/deliberation/meetings/:id': 'deliberation.attend',
  'GET /api/deliberation/matters/:id/links': 'deliberation.attend',
  'POST /api/deliberation/bodies': 'deliberation.manage',
  'POST /api/deliberation/bodies/:id/service-requests': 'deliberation.manage',
  'POST /api/deliberation/contributions/:id/done': 'deliberation.manage',
  'POST /api/deliberation/meetings': 'deliberation.manage',
  'POST /api/deliberation/meetings/:id/speakers': 'deliberation.manage',
  'POST /api/deliberation/meetings/:id/hold': 'deliberation.manage',
  'POST /api/deliberation/meetings/:id/items/:itemId/decision': 'deliberation.manage',
  'POST /api/deliberation/meetings/:id/publish': 'deliberation.manage',
  'POST /api/deliberation/bodies/:id/opinions': 'deliberation.opinion',
};

/** Registered but deliberately outside the matrix: the API description and its viewer (public, no data). */
export const undocumentedRoutes: RegExp[] = [
  /^(GET|HEAD) \/api\/openapi\.json$/,
  /^(GET|HEAD) \/api\/docs(\/|\*|$)/,
];

/**
 * Leaks this matrix found that are reported and not fixed yet. Each runs as `it.fails`: the suite
 * stays green while the leak is there and turns red the day it is fixed, and then its entry goes.
 * Never add an entry to quiet a new failure without reporting it.
 */
export const knownLeaks: Partial<Record<string, string>> = {};
