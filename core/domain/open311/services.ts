/**
 * The service catalog as Open311 services (GET services, GET services/{code}) and the checking of
 * the `attribute[…]` values a POST sends against the definition. Pure: the server adds nothing but I/O.
 *
 * Attributes, in order:
 * - `category` (singlevaluelist, required) when the catalog item does not fix the matter's category:
 *   the routing rules and the time limits depend on it.
 * - `title` (string, optional): the matter's title; without it the service name and the first words of
 *   the description are used.
 * - `materials_ready` (multivaluelist, optional): which materials of the one-time notice the resident
 *   already has; recorded with the matter so the window does not ask twice.
 * - one information-only attribute (variable=false) per material, so a client shows the one-time notice
 *   before filing.
 */
import {
  type Category,
  categories,
  categoriesForKind,
  categoryByCode,
  categoryGroupLabels,
} from '../catalog/categories';
import { matterKindLabels } from '../catalog/matter-literals';
import { type ServiceCatalog, type ServiceItem, timeLimitText } from '../catalog/service-catalog';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
  groups: string[];
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/** Services a client may list, read and file: the public items of the catalog still offered. */
export function open311Items(catalog: ServiceCatalog): ServiceItem[] {
  return catalog.items.filter((i) => i.public && !i.retired);
}

export function open311ItemByCode(catalog: ServiceCatalog, code: string): ServiceItem | undefined {
  return open311Items(catalog).find((i) => i.code === code);
}

export function toOpen311Service(item: ServiceItem, list: readonly Category[] = categories): Open311Service {
  const category = item.categoryCode ? categoryByCode(item.categoryCode, list) : undefined;
  const kindGroup = matterKindLabels[item.kind];
  const groups = [kindGroup, ...(category ? [categoryGroupLabels[category.group]] : [])];
  return {
    service_code: item.code,
    service_name: item.name,
    description: `${item.description}（办理时限：${timeLimitText(item.timeLimit)}）`,
    metadata: true,
    type: 'realtime',
    keywords: item.keywords.join(','),
    group: kindGroup,
    groups: [...new Set(groups)],
  };
}

export const TITLE_MAX = 80;

export function toOpen311Definition(
  item: ServiceItem,
  list: readonly Category[] = categories,
): Open311ServiceDefinition {
  const attributes: Omit<Open311Attribute, 'order'>[] = [];
  if (!item.categoryCode) {
    attributes.push({
      variable: true,
      code: 'category',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: '从下列类别中选择一项',
      description: '事项类别（决定由哪一级、哪个单位办理以及办理时限）',
      values: categoriesForKind(item.kind, list).map((c) => ({ key: c.code, name: c.name })),
    });
  }
  attributes.push({
    variable: true,
    code: 'title',
    datatype: 'string',
    required: false,
    datatype_description: `2 至 ${TITLE_MAX} 个字`,
    description: '事项标题；不填时用服务名称和问题描述的开头',
    values: [],
  });
  if (item.materials.length > 0) {
    attributes.push({
      variable: true,
      code: 'materials_ready',
      datatype: 'multivaluelist',
      required: false,
      datatype_description: '可多选，每项一个 attribute[materials_ready][]',
      description: '您已经准备好的材料',
      values: item.materials.map((m, i) => ({ key: `M${i + 1}`, name: m.name })),
    });
  }
  item.materials.forEach((m, i) => {
    attributes.push({
      variable: false,
      code: `material_${i + 1}`,
      datatype: 'string',
      required: false,
      datatype_description: '仅供告知，无需填写',
      description: `${m.required ? '必须提供' : '有则提供'}：${m.name}${m.note ? `（${m.note}）` : ''}`,
      values: [],
    });
  });
  return { service_code: item.code, attributes: attributes.map((a, i) => ({ ...a, order: i + 1 })) };
}

export interface AttributeProblem {
  code: string;
  message: string;
}

export interface CheckedAttributes {
  categoryCode: string;
  title: string | null;
  materialsReady: string[];
}

/** Checks the posted attributes against the definition; problems are in Chinese, one per attribute. */
export function checkAttributes(
  item: ServiceItem,
  posted: Record<string, string[]>,
  list: readonly Category[] = categories,
): { ok: true; value: CheckedAttributes } | { ok: false; problems: AttributeProblem[] } {
  const def = toOpen311Definition(item, list);
  const problems: AttributeProblem[] = [];
  const byCode = new Map(def.attributes.map((a) => [a.code, a]));
  for (const code of Object.keys(posted)) {
    const a = byCode.get(code);
    if (!a?.variable) problems.push({ code, message: `服务 ${item.code} 没有可填写的属性 ${code}` });
  }
  for (const a of def.attributes) {
    if (!a.variable) continue;
    const values = (posted[a.code] ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) {
      if (a.required) problems.push({ code: a.code, message: `缺少必填属性 ${a.code}（${a.description}）` });
      continue;
    }
    if (a.datatype !== 'multivaluelist' && values.length > 1) {
      problems.push({ code: a.code, message: `属性 ${a.code} 只能填一个值` });
      continue;
    }
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
      const keys = new Set(a.values.map((v) => v.key));
      const bad = values.filter((v) => !keys.has(v));
      if (bad.length > 0)
        problems.push({ code: a.code, message: `属性 ${a.code} 的取值 ${bad.join('、')} 不在可选范围内` });
    }
    if (a.code === 'title') {
      const t = values[0]!;
      if (t.length < 2 || t.length > TITLE_MAX)
        problems.push({ code: 'title', message: `事项标题应为 2 至 ${TITLE_MAX} 个字` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const one = (code: string) => (posted[code] ?? []).map((v) => v.trim()).find((v) => v !== '') ?? null;
  const materialKeys = (posted.materials_ready ?? []).map((v) => v.trim()).filter((v) => v !== '');
  return {
    ok: true,
    value: {
      categoryCode: item.categoryCode ?? one('category')!,
      title: one('title'),
      materialsReady: [...new Set(materialKeys)].map((k) => item.materials[Number(k.slice(1)) - 1]!.name),
    },
  };
}

/** The matter's title when the client gives none: the service name, then the description's start. */
export function defaultTitle(item: ServiceItem, description: string): string {
  const start = description.replace(/\s+/g, ' ').trim();
  const t = `${item.name}：${start}`;
  return t.length <= TITLE_MAX ? t : `${t.slice(0, TITLE_MAX - 1)}…`;
}
