/**
 * Test factories for the matter lifecycle (only the *.test.ts files import this): a small org tree, staff
 * and resident actors, consistent states in any status, and a simulated deadline store that applies
 * `decide`'s deadline changes the way the server will.
 */
import type { Role } from '../roles';
import { type Clock, clockKey, clocksOf } from './clocks';
import type { Actor, DecideContext, KnownDeadline, MatterCommand } from './commands';
import { type Decision, decide } from './lifecycle';
import type { MatterKind, MatterState, MatterStatus, OrgRef } from './model';

export const NOW = new Date('2026-03-02T02:00:00.000Z');
export const DAY = 86_400_000;
export const daysAfter = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY);

function org(id: string, path: string, level: OrgRef['level'], kind: OrgRef['kind'], bureau = false): OrgRef {
  return bureau ? { id, path, level, kind, petitionBureau: true } : { id, path, level, kind };
}

/** 凉州区 → 某镇 → 某村, with a district petition bureau and department, a town station, a committee. */
export const orgs = {
  district: org('d', '/d/', 'district', 'district'),
  bureau: org('xfj', '/d/xfj/', 'district', 'department', true),
  hrDept: org('rsj', '/d/rsj/', 'district', 'department'),
  town: org('t1', '/d/t1/', 'town', 'town'),
  town2: org('t2', '/d/t2/', 'town', 'town'),
  justiceStation: org('sfs', '/d/t1/sfs/', 'town', 'unit'),
  village: org('v1', '/d/t1/v1/', 'village', 'village'),
  village2: org('v2', '/d/t1/v2/', 'village', 'village'),
  village3: org('v3', '/d/t2/v3/', 'village', 'village'),
  committee: org('mc1', '/d/t1/v1/mc1/', 'village', 'mediation_committee'),
} as const;
export const allOrgs: OrgRef[] = Object.values(orgs);

export function staff(at: OrgRef, roles: Role[], userId = `${at.id}:${roles.join('+')}`): Actor {
  return { type: 'staff', userId, roles, org: at };
}
export const resident: Actor = { type: 'resident', userId: 'resident-1' };
export const sweep: Actor = { type: 'system', job: 'deadline-sweep' };

export function ctxOf(actor: Actor, deadlines: KnownDeadline[] = [], now = NOW): DecideContext {
  return { now, actor, deadlines };
}

export function buildMatter(over: Partial<MatterState> = {}): MatterState {
  const kind = over.kind ?? 'dispute';
  return {
    code: '620602-2026-000123',
    kind,
    status: 'registered',
    owner: orgs.village,
    urgent: false,
    labourDispute: false,
    transfer: null,
    assignedBy: null,
    coHandlers: [],
    mediation: null,
    mediationRefused: false,
    petition:
      kind === 'petition'
        ? { stage: 'handling', outcome: null, deciderPath: null, hearingPaused: false }
        : null,
    extensionUsed: false,
    reworkCount: 0,
    handlerUserId: null,
    archiveNo: null,
    ...over,
  };
}

/** A consistent state of the kind in the status (owner: the village unless the status needs otherwise). */
export function stateIn(kind: MatterKind, status: MatterStatus): MatterState {
  const base = buildMatter({ kind, status });
  const petitionAt = (stage: 'opinion' | 'review', deciderPath: string) =>
    kind === 'petition'
      ? { stage, outcome: 'explain' as const, deciderPath, hearingPaused: false }
      : base.petition;
  switch (status) {
    case 'transferring':
      return {
        ...base,
        transfer: {
          kind: 'escalate_up',
          from: orgs.village,
          to: orgs.town,
          resume: kind === 'report' ? 'filed' : 'handling',
          received: false,
          receivedAs: null,
          objected: false,
          senderAssignedBy: null,
        },
      };
    case 'objected':
      return {
        ...base,
        transfer: {
          kind: 'dispatch_down',
          from: orgs.town,
          to: orgs.village,
          resume: 'handling',
          received: true,
          receivedAs: 'handling',
          objected: true,
          senderAssignedBy: null,
        },
        assignedBy: orgs.town,
      };
    case 'mediating':
      return {
        ...base,
        mediation: {
          initiative: 'application',
          mediatorId: 'v1:mediator',
          chosenBy: 'org',
          sessions: 0,
          pausedSince: null,
          extensions: 0,
        },
      };
    case 'checking':
      return { ...base, assignedBy: kind === 'report' ? null : orgs.town, handlerUserId: 'v1:handler' };
    case 'answered':
    case 'rated':
    case 'followed_up':
      return { ...base, handlerUserId: 'v1:handler', petition: petitionAt('opinion', orgs.village.path) };
    case 'reviewing':
      return { ...base, owner: orgs.town, petition: petitionAt('opinion', orgs.village.path) };
    case 'reexamining':
      return { ...base, owner: orgs.district, petition: petitionAt('review', orgs.town.path) };
    case 'archived':
      return { ...base, archiveNo: 'ZZ-2026-0001' };
    default:
      return base;
  }
}

/** The server's deadline rows, simulated: started at `now` with a nominal length, stopped, moved, paused. */
export class DeadlineStore {
  private rows = new Map<string, KnownDeadline & { pausedLeft?: number }>();
  constructor(private readonly lengthDays: (basis: string) => number = defaultLength) {}

  private static key(c: Clock): string {
    return clockKey(c);
  }

  startAll(clocks: readonly Clock[], now: Date): void {
    for (const c of clocks) {
      this.rows.set(DeadlineStore.key(c), { ...c, dueAt: daysAfter(now, this.lengthDays(c.basis)) });
    }
  }

  apply(d: Decision, now: Date): void {
    for (const c of d.deadlines.stop) this.rows.delete(DeadlineStore.key(c));
    for (const c of d.deadlines.moved) {
      const row = this.rows.get(DeadlineStore.key(c));
      if (row) row.orgId = c.orgId;
    }
    this.startAll(d.deadlines.start, now);
    for (const c of d.deadlines.pause) {
      const row = this.rows.get(DeadlineStore.key(c));
      if (row?.dueAt)
        this.rows.set(DeadlineStore.key(c), {
          ...row,
          dueAt: null,
          pausedLeft: row.dueAt.getTime() - now.getTime(),
        });
    }
    for (const c of d.deadlines.resume) {
      const row = this.rows.get(DeadlineStore.key(c));
      if (row && row.dueAt === null) row.dueAt = new Date(now.getTime() + (row.pausedLeft ?? 0));
    }
    const ext = d.deadlines.extend;
    const row = ext && this.rows.get(DeadlineStore.key(ext.clock));
    if (ext && row?.dueAt) row.dueAt = daysAfter(row.dueAt, ext.days);
  }

  list(): KnownDeadline[] {
    return [...this.rows.values()].map(({ basis, orgId, dueAt }) => ({ basis, orgId, dueAt }));
  }

  bases(): string[] {
    return [...this.rows.values()].map((r) => `${r.basis}@${r.orgId}`).sort();
  }

  dueOf(basis: string): Date | null | undefined {
    return [...this.rows.values()].find((r) => r.basis === basis)?.dueAt;
  }

  /** The stored rows must be exactly what the state calls for. */
  matches(s: MatterState): boolean {
    const want = clocksOf(s)
      .map((c) => `${c.basis}@${c.orgId}`)
      .sort();
    return JSON.stringify(want) === JSON.stringify(this.bases());
  }
}

function defaultLength(basis: string): number {
  if (basis === 'XF-23-objection' || basis === 'LOCAL-OBJECTION') return 7;
  if (basis === 'XF-34') return 60;
  if (basis.startsWith('XF-')) return basis === 'XF-22' || basis === 'XF-23-notice' ? 15 : 30;
  if (basis === 'LD-14') return 15;
  if (basis === 'LOCAL-SAME-DAY') return 1;
  return 10;
}

/** Drives one matter through `decide` like the server: applies each decision and its deadline changes. */
export class Run {
  store = new DeadlineStore();
  now = NOW;
  state: MatterState;
  events: Decision['event'][] = [];

  constructor(initial: MatterState) {
    this.state = initial;
    this.store.startAll(clocksOf(initial), this.now);
  }

  advance(days: number): this {
    this.now = daysAfter(this.now, days);
    return this;
  }

  ctx(actor: Actor, now = this.now): DecideContext {
    return { now, actor, deadlines: this.store.list() };
  }

  /** Applies the command; fails the test with the refusal if it is refused. */
  ok(actor: Actor, cmd: MatterCommand): Decision {
    const result = decide(this.state, cmd, this.ctx(actor));
    if (!result.ok) throw new Error(`${cmd.action} refused: ${result.code} ${result.message}`);
    this.store.apply(result, this.now);
    this.state = result.next;
    this.events.push(result.event);
    if (!this.store.matches(this.state))
      throw new Error(`deadlines drifted after ${cmd.action}: ${this.store.bases()}`);
    return result;
  }

  /** Tries the command without applying it; returns the refusal (or the decision). */
  try(actor: Actor, cmd: MatterCommand, now = this.now) {
    return decide(this.state, cmd, this.ctx(actor, now));
  }
}
