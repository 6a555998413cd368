import { useQuery } from '@tanstack/react-query';
import type { Category } from '../../../../core/domain/catalog/categories';
import type { ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import { catalogKeys, fetchPublicCatalog } from '../../api/catalog';

export interface CatalogLists {
  categories: readonly Category[];
  services: readonly ServiceItem[];
  demo: boolean;
}

const empty: CatalogLists = { categories: [], services: [], demo: false };

/**
 * The county's catalog as offered today (its administrator's current version), for the intake forms
 * and 办事指南. Empty lists until it arrives: offering the shipped lists meanwhile could let someone pick
 * a category the county has retired.
 */
export function useCountyCatalog(countyCode: string | undefined) {
  const q = useQuery({
    queryKey: catalogKeys.public(countyCode ?? ''),
    queryFn: ({ signal }) => fetchPublicCatalog(countyCode!, signal),
    enabled: !!countyCode,
    staleTime: 60_000,
  });
  const data: CatalogLists = q.data
    ? {
        categories: q.data.categories as Category[],
        services: q.data.services as ServiceItem[],
        demo: q.data.demo,
      }
    : empty;
  return { ...q, catalog: data };
}
