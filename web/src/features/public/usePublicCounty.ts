import { useQuery } from '@tanstack/react-query';
import { fetchCounties, geoKeys } from '../../api/grids';

/** The county this install serves (the first one listed): residents' submissions go to it. */
export function usePublicCounty() {
  return useQuery({
    queryKey: geoKeys.counties,
    queryFn: ({ signal }) => fetchCounties(signal),
    staleTime: 3_600_000,
    select: (list) => list[0] ?? null,
  });
}
