/**
 * The public service catalog (服务事项目录) the district publishes, and the one-time notice (一次性告知)
 * built from it. The notice lists every material a service needs, once: a material asked for later that
 * is not on the notice is a violation of the rule, recorded by the server (docs/PRODUCT.md §2.4).
 *
 * Legal bases cite only the texts read in full (docs/LEGAL.md §13.1, high confidence). Anything else is local practice: its
 * time-limit basis is a 'LOCAL-…' code with confidence 'low' and must stay editable (docs/LEGAL.md, confidence key).
 */
import type { Level } from '../orgs';
import { formatChineseDate } from './chinese-date';
import type { MatterKind } from './matter-literals';

export { demoServiceCatalog } from './demo-service-catalog';

export interface ServiceMaterial {
  name: string;
  required: boolean;
  note?: string;
}

export interface LegalBasis {
  /** The text's title without book-title marks, e.g. '信访工作条例'. */
  title: string;
  /** e.g. '第二十三条'. */
  article: string;
}

/**
 * 'month' is allowed beside the two day units because some promises are stated in months by their source
 * (简易程序 三个月, 民事诉讼法 art. 164; 人民调解 一个月, docs/LEGAL.md §2.25) and converting them to days would
 * misstate them (民法典 art. 202 ends a month period on the matching day).
 */
export type ServiceTimeUnit = 'calendar_day' | 'working_day' | 'month';
export type Confidence = 'high' | 'medium' | 'low';

export interface ServiceTimeLimit {
  amount: number;
  unit: ServiceTimeUnit;
  /** Basis code as the time-limit engine names it: 'XF-23-notice', 'LD-14', or 'LOCAL-…'. */
  basis: string;
  confidence: Confidence;
  /** What is done by the due date, completing "…将在[日期]前[commitment]", e.g. '书面告知是否受理'. */
  commitment: string;
  /** For the administrator: where the number comes from and how sure it is. */
  note?: string;
}

export interface ServiceItem {
  code: string;
  name: string;
  description: string;
  /** The kind of matter an application creates. */
  kind: MatterKind;
  categoryCode?: string;
  /** The level that handles it. */
  level: Level;
  /** A name the server resolves to an org, e.g. '司法所', '信访局'. */
  handlingOrgHint: string;
  materials: readonly ServiceMaterial[];
  legalBasis: readonly LegalBasis[];
  timeLimit: ServiceTimeLimit;
  /** Shown to residents; false for internal services such as grid reports. */
  public: boolean;
  keywords: readonly string[];
  /** Further plain-language points printed on the notice (fees, rights, next remedies). */
  noticeNotes?: readonly string[];
  /** Demo content, to be replaced by the county's own catalog. */
  demo?: boolean;
  /** Withdrawn by the county: no longer offered for new applications; matters filed under it keep it. */
  retired?: boolean;
}

export interface ServiceCatalog {
  demo: boolean;
  items: readonly ServiceItem[];
}

export function serviceItemByCode(catalog: ServiceCatalog, code: string): ServiceItem | undefined {
  return catalog.items.find((i) => i.code === code);
}

/** Public items whose name, description or keywords contain the query (plain substring, for the intake box). */
export function searchServiceItems(catalog: ServiceCatalog, query: string): ServiceItem[] {
  const q = query.trim();
  const visible = catalog.items.filter((i) => i.public && !i.retired);
  if (q === '') return visible;
  return visible.filter(
    (i) =>
      i.name.includes(q) ||
      i.description.includes(q) ||
      i.keywords.some((k) => k.includes(q) || q.includes(k)),
  );
}

const unitWords: Record<ServiceTimeUnit, (n: number) => string> = {
  calendar_day: (n) => `${n}日`,
  working_day: (n) => `${n}个工作日`,
  month: (n) => `${n}个月`,
};

export function timeLimitText(limit: ServiceTimeLimit): string {
  return unitWords[limit.unit](limit.amount);
}

export function legalBasisText(basis: LegalBasis): string {
  return `《${basis.title}》${basis.article}`;
}

export interface OneTimeNoticeInput {
  /** The due date the server computed with the working-day calendar; the notice only prints it. */
  promisedDue: Date;
  /** Set when the date is provisional (暂定): printed beside it, as on every screen. */
  promisedDueNote?: string | null;
  acceptingOrgName: string;
  matterCode: string;
  now: Date;
  /**
   * The period the date was counted on when it is not the item's own: the handling clock's rule, so
   * the 一次性告知单 promises what the 受理告知书 will (docs/LEGAL.md §11.7). `hours` when it is counted in hours.
   */
  promise?: { amount: number; unit: ServiceTimeUnit | 'hour'; commitment: string } | null;
}

export interface OneTimeNotice {
  title: '一次性告知单';
  itemCode: string;
  matterCode: string;
  lines: string[];
  materials: ServiceMaterial[];
  legalBasis: LegalBasis[];
  promisedDueText: string;
}

/** Groups consecutive articles of the same text: 《信访工作条例》第十九条、第二十三条. */
function joinLegalBasis(bases: readonly LegalBasis[]): string {
  const byTitle = new Map<string, string[]>();
  for (const b of bases) byTitle.set(b.title, [...(byTitle.get(b.title) ?? []), b.article]);
  return [...byTitle].map(([title, articles]) => `《${title}》${articles.join('、')}`).join('；');
}

/**
 * The one-time notice for one service and one matter. Plain words, short sentences: it is read aloud at
 * the window and printed. Every material of the item is on it, required ones first in catalog order.
 */
export function oneTimeNotice(item: ServiceItem, input: OneTimeNoticeInput): OneTimeNotice {
  if (input.promisedDue.getTime() < input.now.getTime()) {
    throw new RangeError(`${input.matterCode}: promised due date is before the notice date`);
  }
  const promisedDueText = formatChineseDate(input.promisedDue);
  const materials = [
    ...item.materials.filter((m) => m.required),
    ...item.materials.filter((m) => !m.required),
  ];
  const lines: string[] = [
    `事项名称：${item.name}`,
    `事项编号：${input.matterCode}（凭此编号可以查询办理进度）`,
    `受理单位：${input.acceptingOrgName}`,
    `告知日期：${formatChineseDate(input.now)}`,
  ];
  if (materials.length === 0) {
    lines.push('本事项不需要您提交材料。');
  } else {
    lines.push('请准备以下材料（标"必须"的必须提供，标"有则提供"的有就带上）：');
    materials.forEach((m, i) => {
      const note = m.note ? `。${m.note}` : '';
      lines.push(`${i + 1}. ${m.name}（${m.required ? '必须' : '有则提供'}）${note}`);
    });
    lines.push(
      '以上就是办理本事项需要的全部材料。我们不会再要求您提供单子上没有的材料；如果有人要求，您可以向受理单位或者上一级综治中心反映。',
    );
  }
  const p = input.promise;
  const limit = p
    ? p.unit === 'hour'
      ? `${p.amount}小时`
      : timeLimitText({ ...item.timeLimit, amount: p.amount, unit: p.unit })
    : timeLimitText(item.timeLimit);
  lines.push(
    `${input.acceptingOrgName}将在${promisedDueText}前${p?.commitment ?? item.timeLimit.commitment}（办理时限${limit}）${input.promisedDueNote ? `（暂定：${input.promisedDueNote}）` : ''}。`,
  );
  if (item.timeLimit.confidence === 'low') {
    lines.push('这个时限是本地的做法，如有调整，以受理单位的通知为准。');
  }
  for (const note of item.noticeNotes ?? []) lines.push(note);
  if (item.legalBasis.length > 0) lines.push(`办理依据：${joinLegalBasis(item.legalBasis)}。`);
  return {
    title: '一次性告知单',
    itemCode: item.code,
    matterCode: input.matterCode,
    lines,
    materials,
    legalBasis: [...item.legalBasis],
    promisedDueText,
  };
}

/** Compares names the way a clerk would type them: ignoring spaces and full-/half-width differences. */
function normaliseMaterialName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Whether a material asked for later was on the notice. False means asking for it breaks 一次性告知; the
 * server records that (and still lets the clerk ask, with a reason).
 */
export function isMaterialOnNotice(notice: Pick<OneTimeNotice, 'materials'>, materialName: string): boolean {
  const wanted = normaliseMaterialName(materialName);
  if (wanted === '') return false;
  return notice.materials.some((m) => normaliseMaterialName(m.name) === wanted);
}
