/**
 * Which deadlines (时限) must exist for a matter, as a function of its state. The deadline engine in
 * core/domain/time-limits computes due dates from the basis code (its statutory-rules.ts and
 * local-policies.ts use the same codes); this file only names them.
 *
 * Why derived and not listed per transition: "no matter is ever without an owner and a running deadline"
 * (docs/PRODUCT.md §2.3, 工作零死角) then holds by construction. `decide` diffs the clocks of the state before and
 * after a transition, so a transition can never forget to stop a clock, and adding a row to the table
 * cannot break the rule. Clocks that follow the matter (the statutory 60 days of XF art. 34, the
 * petitioner's windows) are keyed by basis alone and move with the owner; the others are keyed by
 * basis and org, so a new owner gets its own fresh period while the old one keeps its record.
 */
import type { Level } from '../orgs';
import type { MatterState, OrgRef } from './model';

export const basisCodes = [
  'XF-22', // 信访部门 registers and transfers or assigns within 15 days (信访工作条例 art. 22)
  'XF-23-notice', // written notice of receipt within 15 days of receipt (art. 23(2)(3))
  'XF-23-objection', // objection to a wrong transfer within 5 working days of receipt (art. 23(3))
  'XF-34', // handling within 60 days of acceptance, one extension of ≤30 days (art. 34)
  'XF-35-request', // the petitioner may ask for review within 30 days of the written reply (art. 35)
  'XF-35', // review opinion within 30 days of the request (art. 35)
  'XF-36-request', // re-examination request within 30 days of the review reply (art. 36(1))
  'XF-36', // re-examination opinion within 30 days, hearing time excluded (art. 36(1)(2))
  'TY-27-delegated', // 委派调解 30 days (特邀调解规定 art. 27)
  'TY-27-entrusted', // 委托调解 15 days, ordinary procedure
  'TY-27-entrusted-simple', // 委托调解 7 days, simplified procedure
  'LD-14', // labour-dispute mediation: 15 days from the application (劳动争议调解仲裁法 art. 14)
  // Local policies (time-limits/local-policies.ts): configurable, never hard-coded (docs/LEGAL.md §12).
  'LOCAL-SAME-DAY', // 事不过夜: urgent matters are handled the same day (docs/LEGAL.md §6.5, 9.2)
  'LOCAL-VILLAGE', // handling at village level (小事不出村)
  'LOCAL-TOWN', // handling at town level (大事不出镇)
  'LOCAL-DISTRICT', // handling at district level
  'LOCAL-ACCEPT',
  'LOCAL-RECEIVE',
  'LOCAL-OBJECTION', // non-petitions: objection window by analogy with XF art. 23(3)
  'LOCAL-OBJECTION-DECIDE',
  'LOCAL-CO-HANDLE',
  'LOCAL-RT-1M', // guideline one month (人民调解工作若干规定 art. 33, docs/LEGAL.md §2.25: medium confidence)
  'LOCAL-CHECK',
  'LOCAL-RATE',
  'LOCAL-FOLLOW-UP',
  'LOCAL-ARCHIVE',
  'LOCAL-GRID-VERIFY',
  'LOCAL-GRID-DISPATCH',
  'LOCAL-GRID-HANDLE',
  'LOCAL-GRID-CHECK',
] as const;
export type BasisCode = (typeof basisCodes)[number];

/**
 * Windows are a party's right, not a staff duty: the sweep lets them lapse and never raises 督办.
 * Matter-scoped clocks move with the owner instead of restarting.
 */
const matterScoped: readonly BasisCode[] = ['XF-34', 'XF-35-request', 'XF-36-request'];
export const windowBases: readonly BasisCode[] = [
  'XF-23-objection',
  'LOCAL-OBJECTION',
  'XF-35-request',
  'XF-36-request',
];

/**
 * The bases `handleClock` can give: the clock that says by when the matter will be done, which the
 * acceptance notice, the resident's SMS and the 按期办结 measure all mean by "the due date".
 */
export const handlingBases = [
  'XF-34',
  'LOCAL-SAME-DAY',
  'LOCAL-VILLAGE',
  'LOCAL-TOWN',
  'LOCAL-DISTRICT',
  'LOCAL-GRID-HANDLE',
] as const satisfies readonly BasisCode[];

/** The windows in which a petitioner may ask for 复查 or 复核, which the opinions state. */
export const reviewWindowBases = ['XF-35-request', 'XF-36-request'] as const satisfies readonly BasisCode[];

export function isHandlingBasis(basis: string): boolean {
  return (handlingBases as readonly string[]).includes(basis);
}

export interface Clock {
  basis: BasisCode;
  /** The org answerable for the deadline (the owner, the receiver, a co-handler, the checker). */
  orgId: string;
}

export function isWindow(basis: string): boolean {
  return (windowBases as readonly string[]).includes(basis);
}

/** Identity of a deadline row: matter-scoped clocks by basis, the others by basis and org. */
export function clockKey(c: Clock): string {
  return matterScoped.includes(c.basis) ? c.basis : `${c.basis}@${c.orgId}`;
}

const at = (basis: BasisCode, org: OrgRef | string): Clock => ({
  basis,
  orgId: typeof org === 'string' ? org : org.id,
});

function intakeClock(s: MatterState): Clock {
  if (s.kind === 'report') return at('LOCAL-GRID-VERIFY', s.owner);
  if (s.kind === 'petition') return at(s.owner.petitionBureau ? 'XF-22' : 'XF-23-notice', s.owner);
  return at(s.urgent ? 'LOCAL-SAME-DAY' : 'LOCAL-ACCEPT', s.owner);
}

/** Each level has its own local handling period, so an escalated matter gets the new level's time. */
const levelHandling: Record<Level, BasisCode> = {
  village: 'LOCAL-VILLAGE',
  town: 'LOCAL-TOWN',
  district: 'LOCAL-DISTRICT',
};

/** The handling period: statutory for petitions, local (by level, or same-day) for the rest. */
export function handleClock(s: MatterState): Clock {
  if (s.kind === 'petition') return at('XF-34', s.owner);
  if (s.urgent) return at('LOCAL-SAME-DAY', s.owner);
  if (s.kind === 'report') return at('LOCAL-GRID-HANDLE', s.owner);
  return at(levelHandling[s.owner.level], s.owner);
}

export function mediationClock(s: MatterState): Clock {
  // A court-docked mediation runs on the court's period, whatever the dispute (特邀调解规定 art. 27).
  if (s.court) {
    if (s.court.type === 'delegated') return at('TY-27-delegated', s.owner);
    return at(s.court.procedure === 'simplified' ? 'TY-27-entrusted-simple' : 'TY-27-entrusted', s.owner);
  }
  return at(s.labourDispute ? 'LD-14' : 'LOCAL-RT-1M', s.owner);
}

function coHandlerClocks(s: MatterState): Clock[] {
  return s.coHandlers.filter((c) => c.status === 'working').map((c) => at('LOCAL-CO-HANDLE', c.org));
}

function objectionWindow(s: MatterState): Clock[] {
  const t = s.transfer;
  if (!t?.received || t.objected || t.kind === 'escalate_up' || t.to.id !== s.owner.id) return [];
  return [at(s.kind === 'petition' ? 'XF-23-objection' : 'LOCAL-OBJECTION', s.owner)];
}

function petitionWindows(s: MatterState): Clock[] {
  if (s.petition?.stage === 'opinion') return [at('XF-35-request', s.owner)];
  if (s.petition?.stage === 'review') return [at('XF-36-request', s.owner)];
  return [];
}

/** The clocks of a phase the matter is paused in (while transferring or under objection). */
function phaseClocks(s: MatterState, phase: 'registered' | 'filed' | 'handling' | null): Clock[] {
  switch (phase) {
    case 'registered':
      return [intakeClock(s)];
    case 'filed':
      return [at('LOCAL-GRID-DISPATCH', s.owner)];
    case 'handling':
      return [handleClock(s), ...coHandlerClocks(s)];
    case null:
      return [];
  }
}

/** Every deadline that must exist in this state. Empty only for terminal states. */
export function clocksOf(s: MatterState): Clock[] {
  switch (s.status) {
    case 'registered':
      return [intakeClock(s), ...objectionWindow(s)];
    case 'filed':
      return phaseClocks(s, 'filed');
    case 'transferring': {
      // Sending fulfils the petition intake duty (XF art. 22(1) transfer, art. 23(1) 告知去向), but the
      // sender's other clocks keep running until the receiver signs: a recall must not reset them.
      const sender = phaseClocks(s, s.transfer?.resume ?? null).filter(
        (c) => c.basis !== 'XF-22' && c.basis !== 'XF-23-notice',
      );
      return [at('LOCAL-RECEIVE', s.transfer?.to ?? s.owner), ...sender];
    }
    case 'objected':
      return [
        at('LOCAL-OBJECTION-DECIDE', s.transfer?.from ?? s.owner),
        ...phaseClocks(s, s.transfer?.receivedAs ?? null),
      ];
    case 'handling':
      return [handleClock(s), ...objectionWindow(s), ...coHandlerClocks(s)];
    case 'mediating':
      return [handleClock(s), mediationClock(s), ...coHandlerClocks(s)];
    case 'checking':
      return [at(s.kind === 'report' ? 'LOCAL-GRID-CHECK' : 'LOCAL-CHECK', s.assignedBy ?? s.owner)];
    case 'answered':
      return [at('LOCAL-RATE', s.owner), ...petitionWindows(s)];
    case 'rated':
      return [at('LOCAL-FOLLOW-UP', s.owner), ...petitionWindows(s)];
    case 'followed_up':
      return [at('LOCAL-ARCHIVE', s.owner), ...petitionWindows(s)];
    case 'reviewing':
      return [at('XF-35', s.owner)];
    case 'reexamining':
      return [at('XF-36', s.owner)];
    case 'referred_to_court':
    case 'not_accepted':
    case 'channelled':
    case 'mediated':
    case 'withdrawn':
    case 'voided':
      return [at('LOCAL-ARCHIVE', s.owner)];
    case 'merged':
    case 'archived':
      return [];
  }
}

export interface ClockDiff {
  start: Clock[];
  stop: Clock[];
  /** Matter-scoped clocks that keep running but are now answered for by another org. */
  moved: Clock[];
}

export function diffClocks(before: readonly Clock[], after: readonly Clock[]): ClockDiff {
  const prev = new Map(before.map((c) => [clockKey(c), c]));
  const next = new Map(after.map((c) => [clockKey(c), c]));
  const start = [...next].filter(([k]) => !prev.has(k)).map(([, c]) => c);
  const stop = [...prev].filter(([k]) => !next.has(k)).map(([, c]) => c);
  const moved = [...next].filter(([k, c]) => prev.has(k) && prev.get(k)?.orgId !== c.orgId).map(([, c]) => c);
  return { start, stop, moved };
}

/** True when an unstopped deadline of this basis exists and its last instant has not passed. */
export function windowOpen(
  deadlines: readonly { basis: string; dueAt: Date | null }[] | undefined,
  basis: BasisCode,
  now: Date,
): boolean {
  const d = deadlines?.find((x) => x.basis === basis);
  if (!d) return false;
  return d.dueAt === null || now.getTime() <= d.dueAt.getTime();
}
