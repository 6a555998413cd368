import { categoriesForKind } from '../../../../core/domain/catalog/categories';
import { demoServiceCatalog, type ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import type { MatterKind } from '../../../../core/domain/matters/model';

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/** The categories a matter of this kind may be filed under; sub-categories indented under their parent. */
export function categoryOptions(kind: MatterKind | undefined): Option[] {
  if (!kind) return [];
  return categoriesForKind(kind).map((c) => ({
    value: c.code,
    label: c.parentCode ? `　└ ${c.name}（${c.code}）` : `${c.name}（${c.code}）`,
  }));
}

/** Service catalog items for this kind; residents see only the public ones. */
export function serviceItems(kind: MatterKind | undefined, publicOnly: boolean): ServiceItem[] {
  if (!kind) return [];
  return demoServiceCatalog.items.filter((i) => i.kind === kind && (!publicOnly || i.public));
}

export function serviceItem(code: string | undefined): ServiceItem | undefined {
  return code ? demoServiceCatalog.items.find((i) => i.code === code) : undefined;
}
