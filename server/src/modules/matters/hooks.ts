/**
 * What other modules do when a matter is taken in or moves, without matters knowing them (issue 19:
 * court, notifications and risk used to be imported here, which closed an import cycle through seven
 * modules). The composition root (server/src/matter-consumers.ts, called by buildApp and bootstrap)
 * registers them; matters only runs the list.
 *
 * Two kinds, because they give different guarantees:
 * - `inDecision` runs inside the decision's transaction, before the commit: what must exist exactly
 *   when the step does (the SMS outbox row, the court's mediation result). A failure rolls the step back.
 * - `afterIntake` / `afterDecision` run after the commit: what may fail or lag without undoing the
 *   step (the per-matter risk rule, kicking the court outbox). A failure is logged, never thrown.
 */
import type { MatterState } from '../../../../core/domain/matters/model';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import type { MatterPorts } from './ports';

export interface DecidedMatter {
  countyCode: string;
  id: string;
  code: string;
  kind: string;
  /** The state after the decision. */
  state: MatterState;
}

export interface DecisionEvent {
  name: string;
  reason: string | null;
  data: Record<string, unknown>;
}

export type InDecisionHook = (
  deps: Deps,
  ctx: RequestCtx,
  tx: Tx,
  m: DecidedMatter,
  event: DecisionEvent,
) => Promise<void>;
export type AfterDecisionHook = (deps: Deps, m: DecidedMatter, event: DecisionEvent) => Promise<void>;
export type AfterIntakeHook = (deps: Deps, taken: { countyCode: string; matterId: string }) => Promise<void>;

/** Where an after-commit failure goes: the process's pino logger (Fastify's, once buildApp ran). */
export interface HookLog {
  error(obj: object, msg: string): void;
}

interface Named<H> {
  name: string;
  run: H;
}

/** The registry: named hooks, in registration order; registering a name again replaces it. */
export class MatterHooks {
  readonly inDecision: Named<InDecisionHook>[] = [];
  readonly afterDecision: Named<AfterDecisionHook>[] = [];
  readonly afterIntake: Named<AfterIntakeHook>[] = [];
  /** What matters asks of the modules above it (ports.ts), plugged in by the same composition root. */
  ports: MatterPorts | null = null;

  constructor(public log: HookLog | null = null) {}

  provide(ports: MatterPorts): this {
    this.ports = ports;
    return this;
  }

  on<K extends 'inDecision' | 'afterDecision' | 'afterIntake'>(
    kind: K,
    name: string,
    run: MatterHooks[K][number]['run'],
  ): this {
    const list = this[kind] as Named<typeof run>[];
    const at = list.findIndex((h) => h.name === name);
    if (at >= 0) list[at] = { name, run };
    else list.push({ name, run });
    return this;
  }
}

const none = new MatterHooks();

export function hooksOf(deps: Deps): MatterHooks {
  return deps.matterHooks ?? none;
}

/** In the transaction, in order; a failure propagates and rolls the decision back, as before. */
export async function runInDecision(
  deps: Deps,
  ctx: RequestCtx,
  tx: Tx,
  m: DecidedMatter,
  event: DecisionEvent,
): Promise<void> {
  for (const h of hooksOf(deps).inDecision) await h.run(deps, ctx, tx, m, event);
}

async function settle(deps: Deps, kind: string, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    const log = hooksOf(deps).log;
    const msg = `事项${kind}后续处理（${name}）失败`;
    if (log) log.error({ err, hook: name }, msg);
    else process.emitWarning(`${msg}：${err instanceof Error ? err.message : String(err)}`);
  }
}

/** After the commit; each hook on its own, a failure logged and never thrown to the caller. */
export async function runAfterDecision(deps: Deps, m: DecidedMatter, event: DecisionEvent): Promise<void> {
  for (const h of hooksOf(deps).afterDecision)
    await settle(deps, '办理', h.name, () => h.run(deps, m, event));
}

export async function runAfterIntake(deps: Deps, taken: { countyCode: string; matterId: string }) {
  for (const h of hooksOf(deps).afterIntake) await settle(deps, '受理', h.name, () => h.run(deps, taken));
}
