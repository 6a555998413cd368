/**
 * A county's own catalog: its categories and service items, edited by the business administrator and
 * saved as versions (the shipped lists are the default until the first save). Codes are stored on
 * matters, in routing rules and on notices, so a saved version may retire an entry but never drop or
 * rename one a matter may carry: every earlier code stays in the list.
 */

import { statutoryRules } from '../time-limits/statutory-rules';
import {
  type Category,
  categoryByCode,
  categories as shippedCategories,
  validateCategories,
} from './categories';
import { demoServiceCatalog } from './demo-service-catalog';
import type { ServiceItem } from './service-catalog';

export interface CountyCatalogLists {
  categories: readonly Category[];
  services: readonly ServiceItem[];
}

export const shippedCatalog: CountyCatalogLists = {
  categories: shippedCategories,
  services: demoServiceCatalog.items,
};

/**
 * Problems in an edited catalog, in Chinese; empty when it may be saved. Beyond the category checks:
 * no code of the previous version dropped, unique service codes, a service's category that exists,
 * fits its kind and is not retired (unless the service is retired too), and a required material at
 * most once.
 */
export function validateCatalog(next: CountyCatalogLists, previous: CountyCatalogLists): string[] {
  const issues = validateCategories(next.categories);
  for (const c of next.categories) {
    if (c.retired) continue;
    if (c.parentCode && categoryByCode(c.parentCode, next.categories)?.retired)
      issues.push(`${c.code} 的上级类别 ${c.parentCode} 已停用，请先停用或移出其下级类别`);
  }
  for (const c of previous.categories) {
    if (!categoryByCode(c.code, next.categories))
      issues.push(`类别 ${c.code}（${c.name}）不能删除，已登记的事项仍在使用该编码；不再使用请停用`);
  }
  const seen = new Set<string>();
  for (const s of next.services) {
    if (seen.has(s.code)) issues.push(`服务事项编码重复：${s.code}`);
    seen.add(s.code);
    if (s.categoryCode) {
      const c = categoryByCode(s.categoryCode, next.categories);
      if (!c) issues.push(`${s.code} 关联的类别 ${s.categoryCode} 不存在`);
      else {
        if (!c.kinds.includes(s.kind)) issues.push(`${s.code} 关联的类别“${c.name}”不适用于该事项类型`);
        if (c.retired && !s.retired) issues.push(`${s.code} 关联的类别“${c.name}”已停用`);
      }
    }
    // A statutory basis fixes the period (intake computes the promised date from the rule, not from the
    // item): a different number on the notice would promise something the law does not say.
    const statutory = statutoryRules[s.timeLimit.basis];
    if (statutory && (statutory.amount !== s.timeLimit.amount || statutory.unit !== s.timeLimit.unit))
      issues.push(
        `${s.code} 的办理时限依据 ${s.timeLimit.basis} 是法定时限（${statutory.citation}），不能改为其他天数；本地时限请使用以 LOCAL- 开头的依据代码`,
      );
    const names = s.materials.map((m) => m.name.normalize('NFKC').replace(/\s+/g, ''));
    if (new Set(names).size !== names.length) issues.push(`${s.code} 的材料清单中有重复的材料`);
  }
  for (const s of previous.services) {
    if (!next.services.some((n) => n.code === s.code))
      issues.push(`服务事项 ${s.code}（${s.name}）不能删除，已登记的事项仍在使用该编码；不再办理请停用`);
  }
  return issues;
}

/** JSON with keys sorted: a version read back from jsonb has its keys in another order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/** What changed between two versions, for the event log: codes added, edited, retired, restored. */
export function catalogChanges(previous: CountyCatalogLists, next: CountyCatalogLists) {
  const diff = <T extends { code: string; retired?: boolean }>(a: readonly T[], b: readonly T[]) => {
    const before = new Map(a.map((x) => [x.code, x]));
    const out = {
      added: [] as string[],
      changed: [] as string[],
      retired: [] as string[],
      restored: [] as string[],
    };
    for (const x of b) {
      const was = before.get(x.code);
      if (!was) out.added.push(x.code);
      else if (!was.retired && x.retired) out.retired.push(x.code);
      else if (was.retired && !x.retired) out.restored.push(x.code);
      else if (canonical(was) !== canonical(x)) out.changed.push(x.code);
    }
    return out;
  };
  return {
    categories: diff(previous.categories, next.categories),
    services: diff(previous.services, next.services),
  };
}
