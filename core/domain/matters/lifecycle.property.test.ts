import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerritorial } from '../orgs';
import type { Role } from '../roles';
import { clocksOf } from './clocks';
import type { Actor, MatterAction, MatterCommand } from './commands';
import { matterActions } from './commands';
import { factsVerdicts } from './finality';
import { invariantViolations } from './invariants';
import { allowedActions, decide, registerMatter } from './lifecycle';
import {
  channelRoutes,
  isDirectlyAbove,
  isInstallRoot,
  isStrictlyAbove,
  isTerminal,
  type MatterState,
  matterKinds,
  matterResolvedAnswers,
  matterStatuses,
  opinionOutcomes,
  ratingValues,
  terminationReasons,
  transferKinds,
} from './model';
import { DAY, DeadlineStore, NOW, orgs, resident, staff, stateIn, sweep } from './test-fixtures';
import { transitionTable } from './transitions';

const everyRole: Role[] = ['clerk', 'handler', 'leader', 'mediator', 'dept_liaison', 'grid_worker'];
const places = [
  orgs.village,
  orgs.town,
  orgs.justiceStation,
  orgs.district,
  orgs.hrDept,
  orgs.committee,
  orgs.bureau,
];
/** Two people per org, so "someone other than the handler" exists; plus a resident and the sweep. */
const actors: Actor[] = [
  ...places.flatMap((o) => [staff(o, everyRole, `${o.id}-a`), staff(o, everyRole, `${o.id}-b`)]),
  resident,
  sweep,
];
const mediatorIds = ['v1-a', 't1-b', 'mc1-a', 'outsider'];
const reportingActions: MatterAction[] = ['answer', 'serve_opinion', 'submit_feedback'];
const ending = new Set<MatterAction>(['refuse', 'channel', 'merge', 'void', 'refer_to_court', 'archive']);

type Pick = (n: number) => number;

/** Mostly what the server sends (the body directly above the decider), sometimes a wrong org or none. */
function upwardCommand(
  action: 'request_review' | 'request_reexam',
  s: MatterState,
  pick: Pick,
  org: (typeof places)[number],
  reason: string | undefined,
): MatterCommand {
  const decider = s.petition?.deciderPath ?? s.owner.path;
  if (pick(4) === 0) return pick(2) === 0 ? { action, reason } : { action, to: org, reason };
  if (s.petition?.deciderExternal || isInstallRoot(decider)) return { action, external: '武威市', reason };
  const parent = places.find((o) => isDirectlyAbove(o.path, decider));
  return parent ? { action, to: parent, reason } : { action, external: '武威市', reason };
}

/** Sometimes a request above the district's answer, with the city outside the install (its answer recorded). */
function withCity(s: MatterState, pick: Pick): MatterState {
  if (s.status !== 'reexamining' || !s.petition || pick(2) === 0) return s;
  const external = { name: '武威市', for: 'reexam' as const, sentAt: NOW.toISOString() };
  return { ...s, petition: { ...s.petition, deciderPath: s.owner.path, external } };
}

function commandFor(action: MatterAction, s: MatterState, pick: Pick): MatterCommand {
  const reason = pick(8) === 0 ? undefined : '理由';
  const org = places[pick(places.length)] ?? orgs.town;
  if (pick(25) === 0) {
    // Garbage of the kind a buggy client sends: the answer must be a 4xx, never a throw.
    return {
      action,
      reason: 5,
      to: 42,
      org: null,
      days: 'x',
      rating: 'great',
      outcome: 7,
    } as unknown as MatterCommand;
  }
  switch (action) {
    case 'accept':
      return pick(5) === 0
        ? {
            action,
            sameMatter: { code: '620602-2026-000001', final: pick(2) === 0, similarity: 0.5 },
            ...(pick(3) === 0
              ? {}
              : { factsCheck: { verdict: factsVerdicts[pick(2)] ?? 'new_facts', reason: reason ?? '' } }),
          }
        : { action };
    case 'channel':
      return { action, route: channelRoutes[pick(channelRoutes.length)] ?? 'arbitration', reason };
    case 'merge':
      return { action, intoCode: pick(5) === 0 ? s.code : '620602-2026-000777', reason };
    case 'convert':
      return {
        action,
        toKind: (['dispute', 'petition', 'request', 'report'] as const)[pick(4)],
      } as MatterCommand;
    case 'transfer': {
      // Mostly a target that fits the kind of transfer, so that walks get past it (receive, object, 回退).
      const kind = transferKinds[pick(3)] ?? 'escalate_up';
      const fits = places.filter((o) =>
        kind === 'escalate_up'
          ? isTerritorial(o.kind) && isStrictlyAbove(o.path, s.owner.path)
          : kind === 'dispatch_down'
            ? isTerritorial(o.kind) && isStrictlyAbove(s.owner.path, o.path)
            : !isTerritorial(o.kind) && o.id !== s.owner.id,
      );
      const to = fits.length > 0 && pick(4) !== 0 ? (fits[pick(fits.length)] ?? org) : org;
      return { action, transferKind: kind, to, reason };
    }
    case 'decide_objection':
      return { action, upheld: pick(2) === 0, reason };
    case 'add_co_handler':
      return { action, org };
    case 'release_co_handler':
      return { action, orgId: (s.coHandlers[pick(s.coHandlers.length + 1)]?.org ?? org).id, reason };
    case 'extend':
      return { action, days: [1, 15, 30, 31][pick(4)] ?? 30, reason };
    case 'serve_opinion':
    case 'serve_review':
    case 'serve_reexam':
    case 'record_external_answer':
      return {
        action,
        outcome: opinionOutcomes[pick(3)] ?? 'support',
        legalBasis: pick(6) === 0 ? '' : '依据',
      };
    case 'request_review':
    case 'request_reexam':
      return upwardCommand(action, s, pick, org, reason);
    case 'start_mediation':
      return {
        action,
        initiative: pick(2) === 0 ? 'application' : 'own_initiative',
        consentRenewed: pick(2) === 0,
        ...(pick(4) === 0 ? {} : { consent: { channel: 'letter' as const, on: '2024-01-02' } }),
      };
    case 'assign_mediator':
      return {
        action,
        mediatorId: mediatorIds[pick(mediatorIds.length)] ?? 'outsider',
        chosenBy: pick(2) === 0 ? 'org' : 'parties',
        conflictOfInterest: pick(6) === 0,
      };
    case 'extend_mediation':
      return { action, days: [5, 30, 31][pick(3)] ?? 5, allPartiesConsent: pick(4) !== 0, reason };
    case 'agree': {
      const form = pick(2) === 0 ? 'written' : 'oral';
      // Mostly the agreement is on file and effective; sometimes missing, a draft, or of the other form.
      const onFile = pick(4) === 0 ? null : { form: pick(5) === 0 ? 'oral' : form, effective: pick(5) !== 0 };
      return { action, form, agreement: onFile as never };
    }
    case 'terminate_mediation':
      return { action, terminationReason: terminationReasons[pick(8)] ?? 'other', reason };
    case 'rate':
      return {
        action,
        rating: ratingValues[pick(3)] ?? 'satisfied',
        substantive: pick(2) === 0,
        reason,
        ...(pick(4) === 0 ? {} : { channel: pick(2) === 0 ? 'phone' : 'visit' }),
      };
    case 'follow_up':
      // 事心双结: sometimes the visitor forgets to ask one of the two questions.
      return {
        action,
        reason,
        ...(pick(6) === 0 ? {} : { matterResolved: matterResolvedAnswers[pick(3)] ?? 'yes' }),
        ...(pick(6) === 0 ? {} : { heartResolved: pick(2) === 0 }),
      } as MatterCommand;
    case 'archive':
      return { action, archiveNo: pick(6) === 0 ? ' ' : 'ZZ-2026-0001' };
    default:
      return { action, reason } as MatterCommand;
  }
}

/** A small seeded PRNG (mulberry32): reproducible picks from one 32-bit seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe('random walks over the lifecycle', () => {
  it('keep the invariants in 1,000 runs', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...matterKinds),
        fc.constantFrom(orgs.village, orgs.town, orgs.justiceStation, orgs.bureau),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.constantFrom(...matterStatuses), { nil: null }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40, size: 'max' }),
        (kind, owner, urgent, labourDispute, startIn, choices) => {
          // Each step draws its picks from its own seeded generator, so steps are independent and
          // fast-check can still shrink a failing walk (fewer steps, smaller seeds).
          let rand = mulberry32(0);
          const pick: Pick = (n) => (n <= 0 ? 0 : Math.floor(rand() * n));
          let now = NOW;
          const reg = registerMatter(
            { code: '620602-2026-000123', kind, owner, urgent, labourDispute },
            { now, actor: staff(owner, ['clerk']) },
          );
          if (!reg.ok) throw new Error(reg.message);
          // Half the walks start at intake; the others drop into any status, to reach deep states quickly.
          let s = deepFreeze(
            startIn ? withCity({ ...stateIn(kind, startIn), urgent, labourDispute }, pick) : reg.state,
          );
          expect(invariantViolations(s)).toEqual([]);
          let store = new DeadlineStore();
          store.startAll(clocksOf(s), now);

          for (const seed of choices) {
            rand = mulberry32(seed);
            now = new Date(now.getTime() + ([0, 0, 0, 1, 2, 10, 40][pick(7)] ?? 0) * DAY);
            const ctxOf = (actor: Actor) => ({ now, actor, deadlines: store.list() });
            const allowed = actors.flatMap((a) =>
              allowedActions(s, ctxOf(a)).map((action) => [a, action] as const),
            );
            if (isTerminal(s.status)) {
              // Terminal: nothing is allowed to anyone. Then carry on with a fresh matter in the same walk.
              expect(allowed).toEqual([]);
              s = deepFreeze(
                stateIn(
                  matterKinds[pick(5)] ?? 'dispute',
                  matterStatuses[pick(matterStatuses.length)] ?? 'registered',
                ),
              );
              store = new DeadlineStore();
              store.startAll(clocksOf(s), now);
              continue;
            }
            // Mostly an allowed action (each action equally likely, whoever may do it), sometimes anything.
            // Actions that end the matter are drawn less often, so walks get deep.
            const actions = [...new Set(allowed.map(([, a]) => a))];
            let wanted = actions[pick(actions.length)];
            if (wanted && ending.has(wanted) && pick(4) !== 0) wanted = actions[pick(actions.length)];
            const doers = allowed.filter(([, a]) => a === wanted);
            const chosen =
              doers.length > 0 && pick(5) !== 0
                ? doers[pick(doers.length)]
                : ([actors[pick(actors.length)], matterActions[pick(matterActions.length)]] as const);
            const [actor, action] = chosen ?? [resident, 'rate' as const];
            if (!actor || !action) continue;
            const cmd = commandFor(action, s, pick);
            const before = JSON.stringify(s);
            const ctx = ctxOf(actor);
            const result = decide(s, cmd, ctx);
            expect(JSON.stringify(s)).toBe(before);

            if (!result.ok) {
              expect([403, 409, 422]).toContain(result.httpStatus);
              expect(result.message).toMatch(/[\u4e00-\u9fff]/);
              if (s.status === 'archived')
                expect(result).toMatchObject({ httpStatus: 409, code: 'ARCHIVED_READ_ONLY' });
              continue;
            }
            seen.add(`${action}:${result.next.status}`);
            const next = result.next;
            expect(s.status).not.toBe('archived');
            expect(allowedActions(s, ctx)).toContain(action);
            expect(transitionTable[action].to).toContain(next.status);
            expect(invariantViolations(next)).toEqual([]);
            expect(next.owner.id).toBeTruthy();
            if (reportingActions.includes(action)) {
              expect(s.coHandlers.some((c) => c.status === 'working')).toBe(false);
            }
            if (next.reworkCount !== s.reworkCount) {
              expect(['check_fail', 'rate']).toContain(action);
              expect(next.reworkCount).toBe(s.reworkCount + 1);
            }
            expect(result.ownerChange !== null).toBe(next.owner.id !== s.owner.id);
            store.apply(result, now);
            expect(store.matches(next)).toBe(true);
            s = deepFreeze(next);
          }
        },
      ),
      { numRuns: 1000 },
    );
    // The walks reach every action (a guard that blocked one for good would show up here).
    const reached = new Set([...seen].map((k) => k.split(':')[0]));
    expect(matterActions.filter((a) => !reached.has(a))).toEqual([]);
  });
});
