import { fetchCounties } from '../../api/grids';
import { useFetch } from '../../phone/fetch';

/** The county this install serves (the first one listed): residents' submissions go to it. */
export function usePublicCounty() {
  const q = useFetch('counties', () => fetchCounties(), { staleMs: 3_600_000 });
  return { ...q, data: q.data ? (q.data[0] ?? null) : undefined };
}
