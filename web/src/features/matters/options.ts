import { categoriesForKind } from '../../../../core/domain/catalog/categories';
import type { ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import type { MatterKind } from '../../../../core/domain/matters/model';
import type { CatalogLists } from './useCountyCatalog';

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/** The categories a matter of this kind may be filed under; sub-categories indented under their parent. */
export function categoryOptions(kind: MatterKind | undefined, catalog: CatalogLists): Option[] {
  if (!kind) return [];
  return categoriesForKind(kind, catalog.categories).map((c) => ({
    value: c.code,
    label: c.parentCode ? `　└ ${c.name}（${c.code}）` : `${c.name}（${c.code}）`,
  }));
}

/** Service catalog items for this kind; residents see only the public ones. */
export function serviceItems(
  kind: MatterKind | undefined,
  publicOnly: boolean,
  catalog: CatalogLists,
): ServiceItem[] {
  if (!kind) return [];
  return catalog.services.filter((i) => i.kind === kind && (!publicOnly || i.public));
}

export function serviceItem(code: string | undefined, catalog: CatalogLists): ServiceItem | undefined {
  return code ? catalog.services.find((i) => i.code === code) : undefined;
}
