/**
 * The shape of one row of the transition table and the small helpers the rows share. A row is data
 * (kinds, from, to, permission, actor rule, reason, notice, article) plus three pure functions: `when`
 * (guards on the state alone, so the web can hide the button), `check` (guards on the command's
 * input) and `apply` (the next state). Deadlines are not listed per row: they follow from the state
 * (clocks.ts); a row only says what it does to a running clock (pause, resume, extend).
 */
import { orgKinds } from '../orgs';
import type { Action } from '../permissions';
import type { ActorRule } from './actor-rules';
import type { Clock } from './clocks';
import type { CommandOf, DecideContext, MatterAction } from './commands';
import type { MatterKind, MatterState, MatterStatus, OrgRef } from './model';
import type { Refusal } from './refusals';

/** Written notices a transition obliges the org to serve (docs/LEGAL.md §1.30, 11.5 `Notice`). */
export const noticeKinds = [
  'acceptance',
  'refusal',
  'channel',
  'transfer',
  'extension',
  'opinion',
  'review_opinion',
  'reexam_opinion',
  'mediation_termination',
  'court_referral',
  'answer',
  'withdrawal',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];
export const noticeKindLabels: Record<NoticeKind, string> = {
  acceptance: '受理告知书',
  refusal: '不予受理告知书',
  channel: '导入法定程序告知书',
  transfer: '转送（交办）告知书',
  extension: '延期办理告知书',
  opinion: '信访处理意见书',
  review_opinion: '复查意见书',
  reexam_opinion: '复核意见书',
  mediation_termination: '终止调解告知书',
  court_referral: '转诉讼告知书',
  answer: '答复意见',
  withdrawal: '信访事项撤回确认书',
};

export interface ClockEffects {
  pause: Clock[];
  resume: Clock[];
  extend: { clock: Clock; days: number } | null;
}

export type StateGuard = (s: MatterState, ctx: DecideContext) => Refusal | null;

export interface TransitionRow<A extends MatterAction> {
  action: A;
  /** Chinese button label. */
  label: string;
  /** Name of the event row appended in the same transaction. */
  eventName: string;
  kinds: readonly MatterKind[] | 'all';
  from: readonly MatterStatus[];
  /** Every status the action can lead to. */
  to: readonly MatterStatus[];
  /**
   * The permission the step needs (permissions.ts grants it to roles, 'resident' included): a row
   * never names roles, so a new role is granted its steps in one place.
   */
  permission: Action;
  /** Whether the server's own jobs (the deadline sweep) may do it, acting for the owner. */
  system: boolean;
  actor: ActorRule;
  needsReason: boolean;
  notice: NoticeKind | null;
  /** The article or rule behind the step. */
  cites: string;
  when: readonly StateGuard[];
  check: (s: MatterState, cmd: CommandOf<A>, ctx: DecideContext) => Refusal | null;
  apply: (s: MatterState, cmd: CommandOf<A>, ctx: DecideContext) => MatterState;
  effects?: (s: MatterState, cmd: CommandOf<A>) => Partial<ClockEffects>;
  /** Extra facts for the event row (KPIs read them: 回退, 返工, ratings). */
  data?: (s: MatterState, cmd: CommandOf<A>, ctx: DecideContext) => Record<string, unknown>;
}

export type TransitionTable = { [A in MatterAction]: TransitionRow<A> };

export const noCheck = (): null => null;

export function hasText(x: unknown): x is string {
  return typeof x === 'string' && x.trim().length > 0;
}

export function isOrgRef(x: unknown): x is OrgRef {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    hasText(o.id) &&
    typeof o.path === 'string' &&
    o.path.startsWith('/') &&
    o.path.endsWith(`/${o.id}/`) &&
    (o.level === 'district' || o.level === 'town' || o.level === 'village') &&
    (orgKinds as readonly unknown[]).includes(o.kind)
  );
}

export function isOneOf<T extends string>(list: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (list as readonly string[]).includes(x);
}

export function isWholeDays(x: unknown, max: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= max;
}
