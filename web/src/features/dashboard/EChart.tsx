/**
 * A thin ECharts wrapper: one chart per mount, resized with its box, options replaced on change. The
 * library comes in its own chunk (./echarts-setup) when the first chart mounts: the box keeps its
 * height meanwhile, so the board's figures show without waiting for the charts.
 */
import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';
import type { echarts as Echarts } from './echarts-setup';

type Chart = ReturnType<typeof Echarts.init>;

export function EChart({
  option,
  height,
  dark,
  label,
  onClick,
  pixelRatio,
}: {
  option: EChartsOption;
  height: number;
  dark?: boolean;
  label: string;
  onClick?: (p: { dataIndex: number; seriesIndex?: number }) => void;
  /** Drawing resolution; the wall passes its scale so a 4K screen gets a sharp chart. */
  pixelRatio?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const optionRef = useRef(option);
  optionRef.current = option;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let c: Chart | null = null;
    let ro: ResizeObserver | null = null;
    let gone = false;
    void import('./echarts-setup').then(({ echarts }) => {
      // Unmounted (or remade for a new scale) while the library was on its way.
      if (gone) return;
      c = echarts.init(el, dark ? 'dark' : undefined, {
        renderer: 'canvas',
        ...(pixelRatio ? { devicePixelRatio: pixelRatio } : {}),
      });
      c.on('click', (p) => clickRef.current?.(p as { dataIndex: number; seriesIndex?: number }));
      chart.current = c;
      // A chart made again (the wall's scale changed), or one whose data came first, draws the latest.
      c.setOption({ backgroundColor: 'transparent', ...optionRef.current }, true);
      const made = c;
      ro = new ResizeObserver(() => made.resize());
      ro.observe(el);
    });
    return () => {
      gone = true;
      ro?.disconnect();
      c?.dispose();
      chart.current = null;
    };
  }, [dark, pixelRatio]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true);
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
