/**
 * What a service needs to know about the request it serves: who acts (with role, org and
 * jurisdiction), the request id for the event log, and the client address. Routes build it;
 * services never see Fastify.
 */
import type { Level, OrgKind } from '../../core/domain/orgs';
import type { Role } from '../../core/domain/roles';
import type { Config } from './config';
import type { Database } from './db/client';
import type { StampScope } from './db/stamped-cache';
import type { ProvisionalDeadlines } from './modules/calendar/provisional-deadlines';
import type { PartyNamesByMatter } from './modules/events/party-names';
import type { MatterHooks } from './modules/matters/hooks';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  kind: 'staff' | 'resident';
  countyCode: string;
  orgId: string | null;
  /** The org's materialised path; null for residents, who have no jurisdiction. */
  orgPath: string | null;
  orgKind: OrgKind | null;
  orgLevel: Level | null;
  sessionId: string;
}

export interface RequestCtx {
  requestId: string;
  ip: string | null;
  actor: Actor | null;
  /** The request's view of the cache stamps (db/stamped-cache.ts), shared by the session and intake. */
  stamps?: StampScope;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that may be moved forward: the simulated one of a demo, a test's own. */
export interface AdjustableClock extends Clock {
  /** Moves the clock to `to`; false when `to` is not later than now. */
  advanceTo(to: Date): boolean;
}

export function isAdjustable(c: Clock): c is AdjustableClock {
  return typeof (c as Partial<AdjustableClock>).advanceTo === 'function';
}

/**
 * A clock that starts at `start` and then runs with the real one (ZONGZHI_CLOCK: a demo or a training
 * on a chosen day, a journey tested on the day a deadline falls). It can be moved forward, never back:
 * the event log and every deadline assume time only grows.
 */
export class SimulatedClock implements AdjustableClock {
  private offset: number;

  constructor(start: Date) {
    this.offset = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  advanceTo(to: Date): boolean {
    const by = to.getTime() - this.now().getTime();
    if (by <= 0) return false;
    this.offset += by;
    return true;
  }
}

export function runningClockFrom(start: Date): SimulatedClock {
  return new SimulatedClock(start);
}

/** Everything a service may use, given once to buildApp and shared by all modules. */
export interface Deps {
  database: Database;
  clock: Clock;
  config: Readonly<Config>;
  /** Asks the event sealer to run soon (after a commit); a no-op in scripts. */
  kickSealer: () => void;
  /** Asks the court outbox to deliver soon (after a commit); absent in scripts and most tests. */
  kickCourt?: () => void;
  /**
   * What other modules do when a matter is taken in or moves (modules/matters/hooks.ts), wired by
   * matter-consumers.ts in buildApp and bootstrap; absent, a matter moves with no consumer.
   */
  matterHooks?: MatterHooks;
  /** Matters' deadlines, for calendar (modules/calendar/provisional-deadlines.ts); wired likewise. */
  provisionalDeadlines?: ProvisionalDeadlines;
  /** Matters' party names, for masking the audit trail (modules/events/party-names.ts); wired likewise. */
  partyNamesByMatter?: PartyNamesByMatter;
}
