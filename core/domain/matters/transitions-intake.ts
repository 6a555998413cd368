/**
 * Intake rows (受理): accept or refuse in writing, channel into a legal procedure (导入), merge (并单),
 * and the grid report's verify / void / convert (docs/LEGAL.md §11.4). Registration itself is `registerMatter`
 * in lifecycle.ts.
 */
import { isMatterCode } from './code';
import { checkFinality, isFactsCheck } from './finality';
import { channelRoutes, initialPetition, type MatterKind } from './model';
import { conflict, invalid } from './refusals';
import { hasText, isOneOf, noCheck, type TransitionTable } from './table-types';

/** The clerk's comparison with a final petition, kept in the event (the audit of finality, art. 36(3)). */
function factsRecord(
  same: { code?: unknown; final?: unknown; similarity?: unknown } | undefined,
  check: unknown,
) {
  if (!same?.final || !isFactsCheck(check)) return {};
  return {
    factsCheck: {
      against: same.code,
      similarity: typeof same.similarity === 'number' ? same.similarity : null,
      verdict: check.verdict,
      reason: check.reason,
    },
  };
}
const nonReport: MatterKind[] = ['petition', 'dispute', 'consultation', 'request'];

export const intakeRows: Pick<
  TransitionTable,
  'accept' | 'refuse' | 'channel' | 'merge' | 'convert' | 'verify' | 'void'
> = {
  accept: {
    action: 'accept',
    label: '受理',
    eventName: 'matter.accepted',
    kinds: nonReport,
    from: ['registered'],
    to: ['handling'],
    permission: 'matter.route',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: 'acceptance',
    cites: '信访工作条例 art. 23(2)(3)：收到之日起15日内书面告知；art. 19(3)、36(3)：重复、终结事项不再受理',
    when: [],
    check: (s, cmd) => {
      const same = cmd.sameMatter;
      if (same === undefined) return null;
      if (typeof same !== 'object' || same === null || !hasText(same.code)) {
        return invalid('INVALID_INPUT', '重复事项信息不完整。');
      }
      if (!same.final)
        return conflict('DUPLICATE_IN_PROGRESS', `同一事项（${same.code}）正在办理，不再重复受理，请并单。`);
      return s.kind === 'petition' ? checkFinality(same, cmd.factsCheck) : null;
    },
    apply: (s) => ({ ...s, status: 'handling' }),
    data: (_s, cmd) => factsRecord(cmd.sameMatter, cmd.factsCheck),
  },
  refuse: {
    action: 'refuse',
    label: '不予受理',
    eventName: 'matter.not_accepted',
    kinds: nonReport,
    from: ['registered'],
    to: ['not_accepted'],
    permission: 'matter.decide',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: 'refusal',
    cites:
      '首问负责：不予受理须书面说明理由，是状态而非删除（docs/LEGAL.md §11.1 not_accepted；信访工作条例 art. 43–44）',
    when: [],
    check: noCheck,
    apply: (s) => ({ ...s, status: 'not_accepted' }),
    data: (_s, cmd) => factsRecord(cmd.sameMatter, cmd.factsCheck),
  },
  channel: {
    action: 'channel',
    label: '导入法定程序',
    eventName: 'matter.channelled',
    kinds: ['petition', 'dispute', 'request'],
    from: ['registered', 'handling'],
    to: ['channelled'],
    permission: 'matter.route',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: 'channel',
    cites: '信访工作条例 art. 31(1)–(5)：诉讼、仲裁、行政等程序解决的，导入相应程序',
    when: [],
    check: (_s, cmd) =>
      isOneOf(channelRoutes, cmd.route) ? null : invalid('INVALID_INPUT', '请选择导入的法定程序。'),
    apply: (s) => ({ ...s, status: 'channelled' }),
    data: (_s, cmd) => ({ route: cmd.route }),
  },
  merge: {
    action: 'merge',
    label: '并单',
    eventName: 'matter.merged',
    kinds: 'all',
    from: ['registered', 'filed', 'handling'],
    to: ['merged'],
    permission: 'matter.coordinate',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: null,
    cites: '信访工作条例 art. 19(3)：同一事项已受理或正在办理的，不再重复受理',
    when: [],
    check: (s, cmd) => {
      if (!isMatterCode(cmd.intoCode)) return invalid('INVALID_MATTER_CODE', '请填写正确的事项编码。');
      return cmd.intoCode === s.code ? invalid('MERGE_INTO_SELF', '不能并入事项本身。') : null;
    },
    apply: (s) => ({ ...s, status: 'merged' }),
    data: (_s, cmd) => ({ intoCode: cmd.intoCode }),
  },
  convert: {
    action: 'convert',
    label: '转为矛盾纠纷/信访等',
    eventName: 'matter.converted',
    kinds: ['report'],
    from: ['registered', 'filed'],
    to: ['registered'],
    permission: 'matter.decide',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites: 'docs/LEGAL.md §11.4：网格事件属矛盾纠纷或信访的，转入相应流程，保留同一事项编码',
    when: [],
    check: (_s, cmd) =>
      isOneOf(nonReport, cmd.toKind) ? null : invalid('INVALID_INPUT', '请选择转入的事项类型。'),
    apply: (s, cmd) => ({
      ...s,
      kind: cmd.toKind,
      status: 'registered',
      petition: cmd.toKind === 'petition' ? { ...initialPetition } : null,
    }),
    data: (s, cmd) => ({ fromKind: s.kind, toKind: cmd.toKind }),
  },
  verify: {
    action: 'verify',
    label: '核实立案',
    eventName: 'matter.filed',
    kinds: ['report'],
    from: ['registered'],
    to: ['filed'],
    permission: 'matter.verify',
    system: false,
    actor: 'owner',
    needsReason: false,
    notice: null,
    cites: 'docs/LEGAL.md §4.2、11.4：信息收集→核实→立案',
    when: [],
    check: noCheck,
    apply: (s) => ({ ...s, status: 'filed' }),
  },
  void: {
    action: 'void',
    label: '作废',
    eventName: 'matter.voided',
    kinds: ['report'],
    from: ['registered', 'filed'],
    to: ['voided'],
    permission: 'matter.decide',
    system: false,
    actor: 'owner',
    needsReason: true,
    notice: null,
    cites: 'docs/LEGAL.md §10、11.4：作废/不予立案须有理由',
    when: [],
    check: noCheck,
    apply: (s) => ({ ...s, status: 'voided' }),
  },
};
