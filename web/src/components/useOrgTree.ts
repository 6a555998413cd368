import { useQuery } from '@tanstack/react-query';
import { fetchOrgTree, orgKeys } from '../api/orgs';

/** The caller's jurisdiction as a tree; shared by the org page, filters and forms. */
export function useOrgTree(enabled = true) {
  return useQuery({
    queryKey: orgKeys.tree(),
    queryFn: ({ signal }) => fetchOrgTree(signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}
