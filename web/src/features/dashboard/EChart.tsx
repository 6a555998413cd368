/** A thin ECharts wrapper: one chart per mount, resized with its box, options replaced on change. */
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

export function EChart({
  option,
  height,
  dark,
  label,
  onClick,
}: {
  option: echarts.EChartsOption;
  height: number;
  dark?: boolean;
  label: string;
  onClick?: (p: { dataIndex: number; seriesIndex?: number }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    c.on('click', (p) => clickRef.current?.(p as { dataIndex: number; seriesIndex?: number }));
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [dark]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true);
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
