import { useQuery } from '@tanstack/react-query';
import { fetchCounties, geoKeys } from '../api/grids';

export function useCounty(code: string) {
  const counties = useQuery({
    queryKey: geoKeys.counties,
    queryFn: ({ signal }) => fetchCounties(signal),
    staleTime: 3_600_000,
  });
  return counties.data?.find((c) => c.code === code) ?? null;
}

/** The county's name (凉州区) for headings; the code until the list arrives. */
export function useCountyName(code: string): string {
  return useCounty(code)?.name ?? code;
}
