/**
 * The category tree a matter is filed under. Three groups, each from its own source:
 * - mediation (MED-…): the 15 people's-mediation statistical categories the justice bureaus report on
 *   (docs/LEGAL.md §6.1, high as used by a justice bureau), in that order, plus the two newer ones of docs/LEGAL.md §6.2
 *   that matter in a county (拖欠农民工工资, 村务管理). Sub-categories exist only where the answer to
 *   "can the agreement be judicially confirmed?" differs inside one category (民诉法解释 art. 355).
 * - petition (PET-…): the three classes of 信访工作条例 art. 29–31 (docs/LEGAL.md §1.16, high).
 * - grid_event (GRID-…): the classes a grid worker picks in the field. No national list was found
 *   (docs/LEGAL.md §5.7, low), so these six are local practice and meant to be edited by the administrator.
 *
 * Codes are stable: they are stored on matters and in routing rules, so a code is never renumbered or
 * reused; a retired category is hidden, not deleted. Risk hints are defaults for triage, local practice
 * of low confidence (docs/LEGAL.md §6.5): the assessed grade of the matter always wins.
 */
import type { ChannelRoute, MatterKind, RiskGrade } from './matter-literals';

export const categoryGroups = ['mediation', 'petition', 'grid_event'] as const;
export type CategoryGroup = (typeof categoryGroups)[number];
export const categoryGroupLabels: Record<CategoryGroup, string> = {
  mediation: '矛盾纠纷类别',
  petition: '信访事项类别',
  grid_event: '网格事件类别',
};

/** One legal procedure a 申诉求决类 petition must be channelled into (信访工作条例 art. 31(1)–(5)). */
export interface ChannelTarget {
  route: ChannelRoute;
  /** The clause, e.g. '31(2)'. */
  clause: string;
  /** Short Chinese name, shown on the triage screen. */
  name: string;
  /** The procedures the clause names, in its words. */
  procedures: readonly string[];
  /** Who takes it over; a hint for the clerk, not an org id. */
  handlerHint: string;
}

export interface Category {
  code: string;
  name: string;
  group: CategoryGroup;
  parentCode?: string;
  /** The matter kinds that may be filed under it. */
  kinds: readonly MatterKind[];
  riskHint: RiskGrade;
  /** The 15-day mediation limit of 劳动争议调解仲裁法 art. 14(3) applies. */
  labourDispute: boolean;
  /**
   * False where the whole category is outside judicial confirmation of a mediation agreement
   * (民诉法解释 art. 355(1)(3) status relations, (5) 物权/知识产权确权). True means only "not excluded by its
   * category": the court still examines each agreement (art. 355, 358). `confirmableNote` says what the
   * category-level answer approximates.
   */
  confirmable: boolean;
  confirmableNote?: string;
  /** 申诉求决类 only: the art. 31(1)–(5) procedures; art. 31(6) matters get a 信访处理意见书 instead. */
  channelTo?: readonly ChannelTarget[];
  /** 检举控告类: the petitioner's identity and materials never reach the accused (信访工作条例 art. 30(3), 46(5)). */
  protectPetitioner?: boolean;
  /** A grid report of this class continues in another kind's flow, keeping its code (docs/LEGAL.md §11.4). */
  becomes?: MatterKind;
  /** Where the category comes from. */
  source: string;
  /**
   * What a resident filing online may send besides photos (always accepted): a short video of what
   * can be seen or heard (noise, leaking water, a collision), a PDF of papers (a contract, an IOU, a
   * pay slip). A sub-category without its own takes its parent's.
   */
  evidence?: readonly EvidenceKind[];
  /**
   * Retired by the county's administrator: refused for new intake, still shown on the matters filed
   * under it (codes are never deleted, matters keep them).
   */
  retired?: boolean;
}

export const evidenceKinds = ['video', 'pdf'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

const disputeKinds: readonly MatterKind[] = ['dispute', 'consultation'];

/** 司法确认 is for agreements reached by a mediation organisation (民事诉讼法 art. 205), not for these groups. */
const notMediationNote =
  '司法确认只适用于依法设立的调解组织主持达成的调解协议（民事诉讼法第二百零五条）；转为矛盾纠纷调解后按纠纷类别判断。';

function med(
  code: string,
  name: string,
  extra: Partial<
    Pick<
      Category,
      'parentCode' | 'riskHint' | 'labourDispute' | 'confirmable' | 'confirmableNote' | 'evidence'
    >
  > = {},
): Category {
  return {
    code,
    name,
    group: 'mediation',
    kinds: disputeKinds,
    riskHint: 'yellow',
    labourDispute: false,
    confirmable: true,
    source: extra.parentCode
      ? 'docs/LEGAL.md §6.1 子类（按民诉法解释第三百五十五条细分）'
      : 'docs/LEGAL.md §6.1',
    ...extra,
  };
}

const statusNote = '身份关系的确认或解除不能司法确认（民诉法解释第三百五十五条第一款第三项）。';
const ownershipNote = '协议内容涉及物权确权的不能司法确认（民诉法解释第三百五十五条第一款第五项）。';

export const mediationCategories: readonly Category[] = [
  med('MED-01', '婚姻家庭', {
    confirmableNote: `近似：离婚、婚姻效力、亲子、收养等${statusNote}赡养、抚养、扶养、家庭财产协议可以申请；请选子类。`,
  }),
  med('MED-01-01', '婚姻关系（离婚、婚姻效力）', {
    parentCode: 'MED-01',
    confirmable: false,
    confirmableNote: `婚姻关系有效、无效或解除属${statusNote}`,
  }),
  med('MED-01-02', '亲子、收养关系', {
    parentCode: 'MED-01',
    confirmable: false,
    confirmableNote: `亲子关系、收养关系属${statusNote}`,
  }),
  med('MED-01-03', '赡养、抚养、扶养', { parentCode: 'MED-01' }),
  med('MED-01-04', '家庭财产、继承', {
    parentCode: 'MED-01',
    confirmableNote: `近似：一般可以申请；${ownershipNote}由法院个案审查。`,
  }),
  med('MED-02', '邻里', { evidence: ['video'] }),
  med('MED-03', '房屋宅基地', {
    evidence: ['pdf'],
    confirmableNote: `近似：确认宅基地、房屋归属的争议不能司法确认，相邻、建房纠纷可以；请选子类。${ownershipNote}`,
  }),
  med('MED-03-01', '宅基地、房屋权属确认', {
    parentCode: 'MED-03',
    confirmable: false,
    confirmableNote: ownershipNote,
  }),
  med('MED-03-02', '相邻关系、建房纠纷', {
    parentCode: 'MED-03',
    confirmableNote: `近似：按不涉及确权处理；${ownershipNote}`,
  }),
  med('MED-04', '合同', { evidence: ['pdf'] }),
  med('MED-05', '生产经营', { evidence: ['pdf'] }),
  med('MED-06', '损害赔偿', { evidence: ['video', 'pdf'] }),
  med('MED-07', '山林土地', {
    evidence: ['pdf'],
    riskHint: 'orange',
    confirmableNote: `近似：山林、土地权属争议不能司法确认，承包经营纠纷可以；请选子类。${ownershipNote}`,
  }),
  med('MED-07-01', '山林、土地权属争议', {
    parentCode: 'MED-07',
    riskHint: 'orange',
    confirmable: false,
    confirmableNote: ownershipNote,
  }),
  med('MED-07-02', '土地承包经营', {
    parentCode: 'MED-07',
    riskHint: 'orange',
    // 农村土地承包经营纠纷调解仲裁法 (docs/LEGAL.md §2.28) has its own arbitration route; it is not among the texts of docs/LEGAL.md §13.1, so it
    // is named here only as a pointer.
    confirmableNote: `近似：按不涉及确权处理；${ownershipNote}也可申请农村土地承包仲裁（docs/LEGAL.md §2.28）。`,
  }),
  med('MED-08', '征地拆迁', {
    evidence: ['pdf'],
    riskHint: 'orange',
    confirmableNote:
      '近似：村民之间分配补偿的协议可以申请；与征收部门之间的补偿争议一般不属于民间纠纷（人民调解法第二条），由法院个案审查。',
  }),
  // Pollution disputes often involve many households at once, hence orange.
  med('MED-09', '环境污染', { riskHint: 'orange', evidence: ['video'] }),
  med('MED-10', '劳动争议', { labourDispute: true, evidence: ['pdf'] }),
  med('MED-11', '消费', { evidence: ['pdf'] }),
  // Medical disputes can turn into 医闹 (docs/LEGAL.md §3.30 lists a separate medical roster), hence orange.
  med('MED-12', '医疗', { riskHint: 'orange', evidence: ['pdf'] }),
  med('MED-13', '道路交通事故', { evidence: ['video', 'pdf'] }),
  med('MED-14', '物业', { evidence: ['video', 'pdf'] }),
  med('MED-15', '其他'),
  // docs/LEGAL.md §6.2. Wage arrears are a labour dispute where there is an employment relation (劳动争议调解仲裁法
  // art. 2(5)); arrears owed by a labour contractor without one are a contract matter: approximated as
  // labour here. Often collective and seasonal (before Spring Festival), hence orange.
  {
    ...med('MED-16', '拖欠农民工工资', { riskHint: 'orange', labourDispute: true, evidence: ['pdf'] }),
    kinds: ['dispute', 'consultation', 'request'],
    source: 'docs/LEGAL.md §6.2',
  },
  // docs/LEGAL.md §6.2. The village committee is often a party, so it is routed above the village by default.
  {
    ...med('MED-17', '村务管理', {
      evidence: ['pdf'],
      confirmableNote: '近似：涉及村民自治决定本身的争议是否属于民间纠纷需个案判断，由法院审查。',
    }),
    kinds: ['dispute', 'consultation', 'request'],
    source: 'docs/LEGAL.md §6.2',
  },
];

export const petitionChannelTargets: readonly ChannelTarget[] = [
  {
    route: 'litigation',
    clause: '31(1)',
    name: '诉讼、复议、检察或公安法律程序',
    procedures: ['审判机关诉讼程序', '复议程序', '检察机关刑事立案程序', '法律监督程序', '公安机关法律程序'],
    // 信访工作条例 art. 20(2), 22(2): matters about litigation rights go to the 政法 departments.
    handlerHint: '政法部门（法院、检察院、公安机关）',
  },
  {
    route: 'arbitration',
    clause: '31(2)',
    name: '仲裁',
    procedures: ['仲裁'],
    handlerHint: '仲裁机构（如劳动人事争议仲裁委员会）',
  },
  {
    route: 'party_appeal',
    clause: '31(3)',
    name: '党员申诉、申请复审',
    procedures: ['党员申诉', '申请复审'],
    handlerHint: '党组织、纪检监察机关',
  },
  {
    route: 'administrative',
    clause: '31(4)',
    name: '行政程序',
    procedures: ['行政复议', '行政裁决', '行政确认', '行政许可', '行政处罚'],
    handlerHint: '有权处理的行政机关',
  },
  {
    // art. 31(5) is "依法履行或者答复": the body performs its own duty rather than handing over.
    route: 'legal_duty',
    clause: '31(5)',
    name: '依法履行职责或答复',
    procedures: ['申请查处违法行为', '履行保护人身权或者财产权等合法权益职责'],
    handlerHint: '负有该职责的机关（如公安、市场监管）',
  },
];

export const petitionClasses: readonly Category[] = [
  {
    code: 'PET-01',
    name: '建议意见类',
    group: 'petition',
    kinds: ['petition'],
    riskHint: 'yellow',
    labourDispute: false,
    confirmable: false,
    confirmableNote: notMediationNote,
    evidence: ['pdf'],
    source: '信访工作条例第二十九条',
  },
  {
    code: 'PET-02',
    name: '检举控告类',
    group: 'petition',
    kinds: ['petition'],
    riskHint: 'yellow',
    labourDispute: false,
    confirmable: false,
    confirmableNote: notMediationNote,
    protectPetitioner: true,
    evidence: ['video', 'pdf'],
    source: '信访工作条例第三十条、第二十二条第二款',
  },
  {
    code: 'PET-03',
    name: '申诉求决类',
    group: 'petition',
    kinds: ['petition'],
    riskHint: 'yellow',
    labourDispute: false,
    confirmable: false,
    confirmableNote: notMediationNote,
    channelTo: petitionChannelTargets,
    evidence: ['pdf'],
    source: '信访工作条例第三十一条',
  },
];

function grid(code: string, name: string, riskHint: RiskGrade, becomes?: MatterKind): Category {
  return {
    code,
    name,
    group: 'grid_event',
    kinds: ['report'],
    riskHint,
    labourDispute: false,
    confirmable: false,
    confirmableNote: notMediationNote,
    ...(becomes ? { becomes } : {}),
    source: '本地做法（docs/LEGAL.md §5.7：未见全国统一分类）',
  };
}

export const gridEventClasses: readonly Category[] = [
  grid('GRID-01', '矛盾纠纷', 'yellow', 'dispute'),
  grid('GRID-02', '安全隐患', 'orange'),
  grid('GRID-03', '环境卫生', 'yellow'),
  // Public-order events may become 治安 or criminal cases: report to the police (人民调解法 art. 25).
  grid('GRID-04', '治安问题', 'orange'),
  grid('GRID-05', '民生诉求', 'yellow', 'request'),
  grid('GRID-06', '其他', 'yellow'),
];

export const categories: readonly Category[] = [
  ...mediationCategories,
  ...petitionClasses,
  ...gridEventClasses,
];

export function categoryByCode(code: string, list: readonly Category[] = categories): Category | undefined {
  return list.find((c) => c.code === code);
}

/** Codes from the root down to `code` itself; empty for an unknown code. Stops on a cycle. */
export function categoryLineage(code: string, list: readonly Category[] = categories): string[] {
  const lineage: string[] = [];
  let current = categoryByCode(code, list);
  while (current && !lineage.includes(current.code)) {
    lineage.unshift(current.code);
    current = current.parentCode ? categoryByCode(current.parentCode, list) : undefined;
  }
  return lineage;
}

export function childCategories(code: string, list: readonly Category[] = categories): Category[] {
  return list.filter((c) => c.parentCode === code);
}

/**
 * What a resident may attach to a matter of this category online: photos always, and the category's
 * (or its nearest parent's) evidence kinds.
 */
export function residentUploadKinds(
  code: string,
  list: readonly Category[] = categories,
): ('image' | EvidenceKind)[] {
  for (const c of categoryLineage(code, list).reverse()) {
    const own = categoryByCode(c, list)?.evidence;
    if (own) return ['image', ...evidenceKinds.filter((k) => own.includes(k))];
  }
  return ['image'];
}

/** The categories a new matter of this kind may be filed under, in catalog order (retired ones left out). */
export function categoriesForKind(kind: MatterKind, list: readonly Category[] = categories): Category[] {
  return list.filter((c) => c.kinds.includes(kind) && !c.retired);
}

/**
 * Problems in an edited category list, in Chinese for the administrator; empty when it is sound.
 * Checked: unique codes, parents that exist, in the same group and without cycles, kinds a subset of the
 * parent's, and the petition-only fields only on petition classes.
 */
export function validateCategories(list: readonly Category[]): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c.code)) issues.push(`类别编码重复：${c.code}`);
    seen.add(c.code);
    if (c.kinds.length === 0) issues.push(`${c.code} 未指定适用的事项类型`);
    if (c.parentCode !== undefined) {
      const parent = categoryByCode(c.parentCode, list);
      if (!parent) {
        issues.push(`${c.code} 的上级类别 ${c.parentCode} 不存在`);
      } else {
        if (parent.group !== c.group) issues.push(`${c.code} 与上级类别 ${parent.code} 不属于同一分组`);
        const extra = c.kinds.filter((k) => !parent.kinds.includes(k));
        if (extra.length > 0) issues.push(`${c.code} 适用的事项类型超出上级类别 ${parent.code}`);
      }
      if (isInCycle(c, list)) issues.push(`${c.code} 的上级关系成环`);
    }
    if (c.channelTo && c.group !== 'petition') issues.push(`${c.code} 不是信访类别，不能设置导入程序`);
    if (c.protectPetitioner && c.group !== 'petition')
      issues.push(`${c.code} 不是信访类别，不能设置检举人保护`);
  }
  return issues;
}

function isInCycle(start: Category, list: readonly Category[]): boolean {
  const visited = new Set<string>();
  let current = start.parentCode ? categoryByCode(start.parentCode, list) : undefined;
  while (current && !visited.has(current.code)) {
    if (current.code === start.code) return true;
    visited.add(current.code);
    current = current.parentCode ? categoryByCode(current.parentCode, list) : undefined;
  }
  return false;
}
