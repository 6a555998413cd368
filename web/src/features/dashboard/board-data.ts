/**
 * The figures and chart options behind the dashboard, shared by the page (DashboardBoard) and the
 * wall (WallBoard), so the two never count differently.
 */
import { useQuery } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import {
  type DashboardFilter,
  dashboardKeys,
  fetchDensity,
  fetchKpis,
  fetchLive,
  fetchTrend,
  type Ratio,
} from '../../api/dashboard';
import { fetchBoundary, fetchGridGeoJson, geoKeys, gridKeys } from '../../api/grids';
import { useMe } from '../../app/auth';
import { useCounty } from '../../app/useCountyName';

/** A share as the leader should read it: a percentage, or "n/m 件" when the sample is small. */
export function ratioText(r: Ratio): string {
  if (r.value === null) return r.den === 0 ? '—' : `${r.num}/${r.den} 件`;
  return `${(r.value * 100).toFixed(1)}%`;
}

export function useBoardData(filter: DashboardFilter) {
  const me = useMe();
  const county = useCounty(me.countyCode);
  const kpis = useQuery({
    queryKey: dashboardKeys.part('kpis', filter),
    queryFn: ({ signal }) => fetchKpis(filter, signal),
  });
  const live = useQuery({
    queryKey: dashboardKeys.part('live', filter),
    queryFn: ({ signal }) => fetchLive(filter, signal),
    refetchInterval: 60_000,
  });
  const trend = useQuery({
    queryKey: dashboardKeys.part('trend', filter),
    queryFn: ({ signal }) => fetchTrend(filter, signal),
  });
  const density = useQuery({
    queryKey: dashboardKeys.part('map', filter),
    queryFn: ({ signal }) => fetchDensity(filter, signal),
  });
  const scopeOrg = kpis.data?.scope.org;
  const grids = useQuery({
    queryKey: gridKeys.geojson(scopeOrg?.kind === 'district' ? undefined : scopeOrg?.id),
    queryFn: ({ signal }) =>
      fetchGridGeoJson(scopeOrg?.kind === 'district' ? undefined : scopeOrg?.id, signal),
    enabled: !!scopeOrg,
    staleTime: 10 * 60_000,
  });
  const boundary = useQuery({
    queryKey: geoKeys.boundary(county?.code ?? ''),
    queryFn: ({ signal }) => fetchBoundary(county!.code, signal),
    enabled: !!county && scopeOrg?.kind === 'district',
    staleTime: 60 * 60_000,
  });
  const counts = useMemo(
    () => new Map((density.data?.grids ?? []).map((g) => [g.gridId, g.count])),
    [density.data],
  );

  const trendOption = useMemo<EChartsOption>(() => {
    const ms = trend.data?.months ?? [];
    const pct = (r: Ratio) => (r.value === null ? null : Math.round(r.value * 1000) / 10);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 40, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: ms.map((m) => m.month.slice(2)) },
      yAxis: [
        { type: 'value', name: '件' },
        { type: 'value', name: '%', max: 100, min: 0 },
      ],
      series: [
        { name: '受理', type: 'bar', data: ms.map((m) => m.intake) },
        { name: '办结', type: 'bar', data: ms.map((m) => m.done) },
        {
          name: '按期办结率',
          type: 'line',
          yAxisIndex: 1,
          data: ms.map((m) => pct(m.onTimeRate)),
          connectNulls: false,
        },
        { name: '满意率', type: 'line', yAxisIndex: 1, data: ms.map((m) => pct(m.satisfactionRate)) },
      ],
    };
  }, [trend.data]);
  const categoryOption = useMemo<EChartsOption>(() => {
    const items = (kpis.data?.breakdown.category ?? []).slice(0, 10).reverse();
    return {
      tooltip: {},
      grid: { left: 110, right: 16, top: 8, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: items.map((i) => i.label) },
      series: [{ type: 'bar', data: items.map((i) => i.count) }],
    };
  }, [kpis.data]);
  const channelOption = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: (kpis.data?.breakdown.channel ?? [])
            .filter((c) => c.count > 0)
            .map((c) => ({ name: c.label, value: c.count })),
        },
      ],
    }),
    [kpis.data],
  );
  return {
    kpis,
    live,
    trend,
    density,
    grids,
    boundary,
    counts,
    trendOption,
    categoryOption,
    channelOption,
    error: kpis.error ?? live.error ?? trend.error ?? density.error,
  };
}
