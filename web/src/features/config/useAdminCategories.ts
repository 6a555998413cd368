import { useQuery } from '@tanstack/react-query';
import { type Category, categories as shipped } from '../../../../core/domain/catalog/categories';
import { catalogKeys, fetchCatalog } from '../../api/catalog';

/**
 * The county's categories, retired ones included, for the routing-rule editor and its test box: a rule
 * may name a category the county added. The shipped list stands in while the catalog loads.
 */
export function useAdminCategories(): readonly Category[] {
  const q = useQuery({ queryKey: catalogKeys.admin, queryFn: ({ signal }) => fetchCatalog(signal) });
  return (q.data?.categories as Category[] | undefined) ?? shipped;
}
