import type { Category } from '../../../../core/domain/catalog/categories';
import type { ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import { fetchPublicCatalog } from '../../api/catalog';
import { useFetch } from '../../phone/fetch';
import type { CatalogLists } from '../matters/useCountyCatalog';

const empty: CatalogLists = { categories: [], services: [], demo: false };

/**
 * The county's catalog as offered today (its administrator's current version). Empty lists until it
 * arrives: offering the shipped lists meanwhile could let someone pick a category the county retired.
 */
export function usePublicCatalog(countyCode: string | undefined) {
  const q = useFetch(countyCode ? `catalog:${countyCode}` : null, () => fetchPublicCatalog(countyCode!), {
    staleMs: 60_000,
  });
  const catalog: CatalogLists = q.data
    ? {
        categories: q.data.categories as Category[],
        services: q.data.services as ServiceItem[],
        demo: q.data.demo,
      }
    : empty;
  return { ...q, catalog };
}
