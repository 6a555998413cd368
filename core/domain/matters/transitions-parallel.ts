/**
 * Parallel handling (并联办理) and the handling extension. The lead org (主办, the owner) adds co-handlers
 * (协办), each with its own task and clock (LOCAL-CO-HANDLE, answered for by that org); the matter can be
 * answered only when each has reported or been released with a reason (guards.ts `coHandlersDone`).
 */
import { handleClock } from './clocks';
import { invalid, refusals } from './refusals';
import { isOrgRef, isWholeDays, noCheck, type StateGuard, type TransitionTable } from './table-types';

const handlingStatuses = ['handling', 'mediating'] as const;
/** 信访工作条例 art. 34: at most 30 days, and only once. */
const statutoryExtensionDays = 30;
const defaultLocalExtensionDays = 30;

const extensionNotUsed: StateGuard = (s) => (s.extensionUsed ? refusals.extensionUsed : null);

export const parallelRows: Pick<
  TransitionTable,
  'add_co_handler' | 'co_handler_report' | 'release_co_handler' | 'extend'
> = {
  add_co_handler: {
    action: 'add_co_handler',
    label: '增加协办单位',
    eventName: 'matter.co_handler_added',
    kinds: 'all',
    from: handlingStatuses,
    to: ['handling', 'mediating'],
    permission: 'matter.coordinate',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites: 'docs/PRODUCT.md §2.4 并联办理：主办单位牵头，协办单位各有任务和时限；信访工作条例 art. 24',
    when: [],
    check: (s, cmd) => {
      if (!isOrgRef(cmd.org)) return invalid('INVALID_INPUT', '请选择协办单位。');
      if (cmd.org.id === s.owner.id) return invalid('CO_HANDLER_IS_OWNER', '主办单位不能同时作为协办单位。');
      const org = cmd.org;
      return s.coHandlers.some((c) => c.org.id === org.id && c.status === 'working')
        ? invalid('CO_HANDLER_EXISTS', '该单位已是协办单位。')
        : null;
    },
    // A co-handler that reported or was released may be asked again: a new task replaces the old.
    apply: (s, cmd) => ({
      ...s,
      coHandlers: [
        ...s.coHandlers.filter((c) => c.org.id !== cmd.org.id),
        { org: cmd.org, status: 'working' },
      ],
    }),
    data: (_s, cmd) => ({ coHandlerOrgId: cmd.org.id }),
  },
  co_handler_report: {
    action: 'co_handler_report',
    label: '反馈协办结果',
    eventName: 'matter.co_handler_reported',
    kinds: 'all',
    from: handlingStatuses,
    to: ['handling', 'mediating'],
    permission: 'matter.handle',
    system: false,
    actor: 'co_handler',
    needsReason: false,
    notice: null,
    cites: 'docs/PRODUCT.md §2.4 并联办理：协办单位向主办单位反馈',
    when: [],
    check: noCheck,
    apply: (s, _cmd, ctx) => {
      const orgId = ctx.actor.type === 'staff' ? ctx.actor.org.id : null;
      return {
        ...s,
        coHandlers: s.coHandlers.map((c) =>
          c.org.id === orgId && c.status === 'working' ? { ...c, status: 'reported' } : c,
        ),
      };
    },
  },
  release_co_handler: {
    action: 'release_co_handler',
    label: '解除协办',
    eventName: 'matter.co_handler_released',
    kinds: 'all',
    from: handlingStatuses,
    to: ['handling', 'mediating'],
    permission: 'matter.coordinate',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: null,
    cites: 'docs/PRODUCT.md §2.4 并联办理：协办单位须反馈或经说明理由解除',
    when: [],
    check: (s, cmd) =>
      s.coHandlers.some((c) => c.org.id === cmd.orgId && c.status === 'working')
        ? null
        : invalid('CO_HANDLER_NOT_FOUND', '该单位不是尚未反馈的协办单位。'),
    apply: (s, cmd) => ({
      ...s,
      coHandlers: s.coHandlers.map((c) =>
        c.org.id === cmd.orgId && c.status === 'working' ? { ...c, status: 'released' } : c,
      ),
    }),
    data: (_s, cmd) => ({ coHandlerOrgId: cmd.orgId }),
  },
  extend: {
    action: 'extend',
    label: '延期',
    eventName: 'matter.extended',
    kinds: 'all',
    from: handlingStatuses,
    to: ['handling', 'mediating'],
    permission: 'matter.extend',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: 'extension',
    cites: '信访工作条例 art. 34：经本机关、单位负责人批准，延长不得超过30日，并告知信访人延期理由',
    when: [extensionNotUsed],
    check: (s, cmd, ctx) => {
      const max =
        s.kind === 'petition'
          ? statutoryExtensionDays
          : (ctx.maxLocalExtensionDays ?? defaultLocalExtensionDays);
      return isWholeDays(cmd.days, max)
        ? null
        : invalid(
            'EXTENSION_TOO_LONG',
            `延长期限应为1至${max}日${s.kind === 'petition' ? '（《信访工作条例》第三十四条）' : ''}。`,
          );
    },
    apply: (s) => ({ ...s, extensionUsed: true }),
    effects: (s, cmd) => ({ extend: { clock: handleClock(s), days: cmd.days } }),
    data: (_s, cmd) => ({ days: cmd.days }),
  },
};
