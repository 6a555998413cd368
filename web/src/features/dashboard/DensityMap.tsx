/**
 * Grids coloured by the number of matters in the period (the county's own Leaflet map, no tiles).
 * Colours go by fifths of the busiest grid, so one outlier does not wash the rest out. With `onGrid`,
 * a click on a grid opens its matters (the staff list filtered by grid: the leader goes from "this
 * one is dark red" to what is in it).
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { Boundary, GridFeatureCollection } from '../../api/grids';

const scale = ['#fff7ec', '#fdd49e', '#fc8d59', '#d7301f', '#7f0000'];

export function densityColor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return '#f0f0f0';
  return scale[Math.min(scale.length - 1, Math.floor((count / max) * scale.length))]!;
}

export function DensityMap({
  grids,
  boundary,
  counts,
  max,
  height,
  dark,
  onGrid,
}: {
  grids: GridFeatureCollection | undefined;
  boundary: Boundary | undefined;
  counts: Map<string, number>;
  max: number;
  height: number;
  dark?: boolean;
  onGrid?: (gridId: string) => void;
}) {
  const onGridRef = useRef(onGrid);
  onGridRef.current = onGrid;
  const el = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);
  const fitted = useRef(false);
  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { attributionControl: false, zoomSnap: 0.25, minZoom: 5, maxZoom: 16 });
    m.setView([37.93, 102.64], 9);
    map.current = m;
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      m.remove();
      map.current = null;
      fitted.current = false;
    };
  }, []);
  useEffect(() => {
    const m = map.current;
    if (!m || !grids) return;
    const layer = L.geoJSON(grids, {
      style: (f) => ({
        color: dark ? '#274060' : '#8c8c8c',
        weight: 0.4,
        fillOpacity: 0.8,
        fillColor: densityColor(counts.get(String(f?.id)) ?? 0, max),
        className: onGridRef.current ? 'density-grid-link' : '',
      }),
      onEachFeature: (f, l) => {
        const el = document.createElement('span');
        el.textContent = `${f.properties.townName}${f.properties.villageName} ${f.properties.name}：${counts.get(String(f.id)) ?? 0} 件`;
        l.bindTooltip(el, { sticky: true });
        const id = String(f.id);
        l.on('add', () => (l as L.Path).getElement()?.setAttribute('data-grid-id', id));
        l.on('click', () => onGridRef.current?.(id));
      },
    }).addTo(m);
    if (!fitted.current && layer.getLayers().length) {
      m.fitBounds(layer.getBounds(), { padding: [8, 8] });
      fitted.current = true;
    }
    return () => {
      layer.remove();
    };
  }, [grids, counts, max, dark]);
  useEffect(() => {
    const m = map.current;
    if (!m || !boundary) return;
    const layer = L.geoJSON(boundary, {
      style: () => ({ color: dark ? '#8fb3ff' : '#1d2b3a', weight: 2, fill: false }),
      interactive: false,
    }).addTo(m);
    return () => {
      layer.remove();
    };
  }, [boundary, dark]);
  return (
    <div style={{ position: 'relative' }}>
      {onGrid && <style>{'.density-grid-link { cursor: pointer; }'}</style>}
      <section
        ref={el}
        aria-label={onGrid ? '网格事项密度地图：点击网格查看该网格的事项' : '网格事项密度地图'}
        style={{ height, background: dark ? '#0b1a2e' : '#eef2f6', borderRadius: 4 }}
      />
      <div
        aria-label="图例"
        role="note"
        style={{
          position: 'absolute',
          left: 8,
          bottom: 8,
          zIndex: 900,
          background: 'rgba(255,255,255,0.9)',
          color: '#333',
          padding: '2px 6px',
          borderRadius: 4,
          fontSize: 12,
        }}
      >
        事项数：
        {scale.map((c, i) => (
          <span key={c} style={{ marginInlineStart: 4 }}>
            <span
              style={{ display: 'inline-block', width: 10, height: 10, background: c, marginInlineEnd: 2 }}
            />
            {i === 0 ? '少' : i === scale.length - 1 ? '多' : ''}
          </span>
        ))}
      </div>
    </div>
  );
}
