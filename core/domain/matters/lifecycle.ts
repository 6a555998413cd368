/**
 * The lifecycle as two pure functions over the transition table:
 * - `decide(state, command, ctx)`: the server's check-and-apply. It returns the next state, the event
 *   to append in the same transaction, the deadline changes and the owner change, or a refusal with a
 *   code, an HTTP status (403/409/422) and a Chinese message. It never throws.
 * - `allowedActions(state, ctx)`: the same checks minus the command's input, so the web shows only the
 *   buttons that can work. `refusalOf` says why a button is missing.
 * Check order: archived → action known → kind and status (409) → role (403) → actor's relation to the
 * matter (403) → state guards (409) → written reason (422) → input (422/409).
 */
import { can } from '../permissions';
import { checkActorRule, roleAllows } from './actor-rules';
import { type Clock, clocksOf, diffClocks } from './clocks';
import { isMatterCode } from './code';
import {
  type CommandOf,
  type DecideContext,
  type MatterAction,
  type MatterCommand,
  matterActions,
} from './commands';
import {
  type CourtOrigin,
  initialPetition,
  type MatterKind,
  type MatterState,
  type MatterStatus,
  matterKindLabels,
  matterKinds,
  matterStatusLabels,
  type OrgRef,
} from './model';
import { conflict, forbidden, invalid, type Refusal, refusals } from './refusals';
import {
  type ClockEffects,
  hasText,
  isOneOf,
  isOrgRef,
  type NoticeKind,
  type TransitionRow,
} from './table-types';
import { appliesTo, transitionTable } from './transitions';

export interface MatterEvent {
  name: string;
  action: MatterAction | 'register';
  from: MatterStatus | null;
  to: MatterStatus;
  at: string;
  reason: string | null;
  data: Record<string, unknown>;
}

export interface DeadlineEffects extends ClockEffects {
  start: Clock[];
  stop: Clock[];
  moved: Clock[];
}

export interface Decision {
  ok: true;
  action: MatterAction;
  next: MatterState;
  event: MatterEvent;
  deadlines: DeadlineEffects;
  ownerChange: { from: OrgRef; to: OrgRef } | null;
  notice: NoticeKind | null;
}

export type DecideResult = Decision | Refusal;

type AnyRow = TransitionRow<MatterAction>;
type Viewer = Pick<DecideContext, 'now' | 'actor' | 'deadlines'>;

function rowFor(action: MatterAction): AnyRow {
  // The table is keyed by action, so the row and the command agree; TS cannot correlate the union.
  return transitionTable[action] as unknown as AnyRow;
}

/** Why this action is not available now, ignoring the command's input; null when it is. */
export function refusalOf(s: MatterState, action: MatterAction, ctx: Viewer): Refusal | null {
  if (s.status === 'archived') return refusals.archived;
  const row = rowFor(action);
  if (!appliesTo(row, s.kind, s.status)) {
    const kindFits = row.kinds === 'all' || row.kinds.includes(s.kind);
    return conflict(
      'ILLEGAL_TRANSITION',
      kindFits
        ? `事项当前为“${matterStatusLabels[s.status]}”，不能进行“${row.label}”。`
        : `${matterKindLabels[s.kind]}事项不适用“${row.label}”。`,
    );
  }
  if (!roleAllows(row.permission, row.system, ctx.actor)) return refusals.forbiddenRole;
  const who = checkActorRule(row.actor, s, ctx.actor);
  if (who) return who;
  for (const guard of row.when) {
    const r = guard(s, ctx);
    if (r) return r;
  }
  return null;
}

/** The actions this actor can take on the matter now, in table order (for the web's buttons). */
export function allowedActions(s: MatterState, ctx: Viewer): MatterAction[] {
  return matterActions.filter((a) => refusalOf(s, a, ctx) === null);
}

export function decide(s: MatterState, command: MatterCommand, ctx: DecideContext): DecideResult {
  if (s.status === 'archived') return refusals.archived;
  if (typeof command !== 'object' || command === null || !isOneOf(matterActions, command.action)) {
    return refusals.unknownAction;
  }
  const action = command.action;
  const row = rowFor(action);
  const cmd = command as CommandOf<MatterAction>;
  const pre = refusalOf(s, action, ctx);
  if (pre) return pre;
  if (row.needsReason && !hasText(cmd.reason)) return refusals.reasonRequired;
  if (cmd.reason !== undefined && typeof cmd.reason !== 'string')
    return invalid('INVALID_INPUT', '理由应为文字。');
  const bad = row.check(s, cmd, ctx);
  if (bad) return bad;

  const next = row.apply(s, cmd, ctx);
  const clocks = diffClocks(clocksOf(s), clocksOf(next));
  const effects = row.effects?.(s, cmd) ?? {};
  const reason = hasText(cmd.reason) ? cmd.reason.trim() : null;
  return {
    ok: true,
    action,
    next,
    event: {
      name: row.eventName,
      action,
      from: s.status,
      to: next.status,
      at: ctx.now.toISOString(),
      reason,
      data: row.data?.(s, cmd, ctx) ?? {},
    },
    deadlines: {
      ...clocks,
      pause: effects.pause ?? [],
      resume: effects.resume ?? [],
      extend: effects.extend ?? null,
    },
    ownerChange: next.owner.id === s.owner.id ? null : { from: s.owner, to: next.owner },
    notice: row.notice,
  };
}

export interface RegisterInput {
  code: string;
  kind: MatterKind;
  /** The intake org (首问负责): staff register for their own org; online and hotline intake is routed. */
  owner: OrgRef;
  urgent?: boolean;
  labourDispute?: boolean;
  court?: CourtOrigin;
}

export interface Registration {
  ok: true;
  state: MatterState;
  event: MatterEvent;
  deadlines: { start: Clock[] };
}

/** Intake (登记): the first state of a matter, its event and its first deadline. */
export function registerMatter(
  input: RegisterInput,
  ctx: Omit<DecideContext, 'deadlines'>,
): Registration | Refusal {
  if (!isMatterCode(input.code)) return invalid('INVALID_MATTER_CODE', '事项编码格式不正确。');
  if (!isOneOf(matterKinds, input.kind)) return invalid('INVALID_INPUT', '请选择事项类型。');
  if (!isOrgRef(input.owner)) return invalid('INVALID_INPUT', '请确定首问责任单位。');
  const actor = ctx.actor;
  if (actor.type === 'staff') {
    if (!can(actor.roles, 'matter.intake')) return refusals.forbiddenRole;
    if (actor.org.id !== input.owner.id) {
      return forbidden('NOT_OWNER', '首问负责：登记单位即责任单位，只能登记为本单位的事项。');
    }
  }
  if (input.kind === 'report' && actor.type === 'resident') {
    return invalid('INVALID_INPUT', '群众反映的问题请按诉求或矛盾纠纷登记。');
  }
  const state: MatterState = {
    code: input.code,
    kind: input.kind,
    status: 'registered',
    owner: input.owner,
    urgent: input.urgent === true,
    labourDispute: input.labourDispute === true,
    transfer: null,
    assignedBy: null,
    coHandlers: [],
    mediation: null,
    mediationRefused: false,
    petition: input.kind === 'petition' ? { ...initialPetition } : null,
    extensionUsed: false,
    reworkCount: 0,
    handlerUserId: null,
    archiveNo: null,
    ...(input.court ? { court: input.court } : {}),
  };
  return {
    ok: true,
    state,
    event: {
      name: 'matter.registered',
      action: 'register',
      from: null,
      to: 'registered',
      at: ctx.now.toISOString(),
      reason: null,
      data: { kind: input.kind, ownerOrgId: input.owner.id, urgent: state.urgent },
    },
    deadlines: { start: clocksOf(state) },
  };
}
