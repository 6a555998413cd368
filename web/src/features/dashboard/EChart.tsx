/** A thin ECharts wrapper: one chart per mount, resized with its box, options replaced on change. */
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

export function EChart({
  option,
  height,
  dark,
  label,
  onClick,
  pixelRatio,
}: {
  option: echarts.EChartsOption;
  height: number;
  dark?: boolean;
  label: string;
  onClick?: (p: { dataIndex: number; seriesIndex?: number }) => void;
  /** Drawing resolution; the wall passes its scale so a 4K screen gets a sharp chart. */
  pixelRatio?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const optionRef = useRef(option);
  optionRef.current = option;
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, dark ? 'dark' : undefined, {
      renderer: 'canvas',
      ...(pixelRatio ? { devicePixelRatio: pixelRatio } : {}),
    });
    c.on('click', (p) => clickRef.current?.(p as { dataIndex: number; seriesIndex?: number }));
    chart.current = c;
    // A chart made again (the wall's scale changed) draws what it showed before.
    c.setOption({ backgroundColor: 'transparent', ...optionRef.current }, true);
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [dark, pixelRatio]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true);
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
