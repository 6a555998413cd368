/**
 * The Leaflet part of the grid map, kept imperative and in one place. No tile server: the network of a
 * county office may reach nothing outside, so the map is the district outline and the grids on a
 * plain background.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Boundary, GridFeatureCollection } from '../../api/grids';
import { useMapTiles } from './tile-layers';

type GridProps = GridFeatureCollection['features'][number]['properties'];

export interface LatLng {
  lat: number;
  lng: number;
}

export interface GridMapHandle {
  /** Centre of the current view, for asking about a place without a pointer. */
  getCenter: () => LatLng | null;
}

interface Props {
  ref?: Ref<GridMapHandle>;
  boundary: Boundary | undefined;
  grids: GridFeatureCollection | undefined;
  /** The last point the user asked about. */
  point: LatLng | null;
  /** Code of the grid that point fell in, drawn as selected. */
  selectedCode: string | null;
  /** Short answer shown beside the point (the grid's name), so a phone user sees it without scrolling. */
  pointLabel: string | null;
  onPick: (p: LatLng) => void;
  center: [number, number] | null;
  height: number;
}

const BACKGROUND = '#eef2f6';
const gridStyle: L.PathOptions = {
  color: '#3b6fb6',
  weight: 0.6,
  opacity: 0.85,
  fillColor: '#5b8ff9',
  fillOpacity: 0.06,
  className: 'zz-grid',
};
const hoverStyle: L.PathOptions = {
  color: '#d4380d',
  weight: 2,
  opacity: 1,
  fillColor: '#fa8c16',
  fillOpacity: 0.22,
};
const selectedStyle: L.PathOptions = {
  color: '#c41d7f',
  weight: 2,
  opacity: 1,
  fillColor: '#eb2f96',
  fillOpacity: 0.25,
};
const boundaryStyle: L.PathOptions = {
  color: '#1d2b3a',
  weight: 2.5,
  opacity: 0.9,
  fill: false,
  interactive: false,
};

/** Names come from data people type in: never hand them to Leaflet as HTML. */
function textElement(text: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}

export const legendColors = {
  boundary: boundaryStyle.color,
  grid: gridStyle.color,
  hover: hoverStyle.color,
  selected: selectedStyle.color,
};

export function GridMap({
  ref,
  boundary,
  grids,
  point,
  selectedCode,
  pointLabel,
  onPick,
  center,
  height,
}: Props) {
  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const fittedRef = useRef(false);
  const initialCenter = useRef(center);
  const boundaryLayerRef = useRef<L.GeoJSON | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const selectedRef = useRef(selectedCode);
  const gridLayerRef = useRef<L.GeoJSON<GridProps> | null>(null);

  useImperativeHandle(ref, () => ({
    getCenter: () => {
      const c = mapRef.current?.getCenter();
      return c ? { lat: c.lat, lng: c.lng } : null;
    },
  }));

  const [tileMap, setTileMap] = useState<L.Map | null>(null);
  useMapTiles(tileMap);

  // The map itself: created once per mount (StrictMode mounts twice; remove() cleans up).
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = L.map(el, {
      attributionControl: false,
      zoomControl: true,
      minZoom: 5,
      maxZoom: 17,
      zoomSnap: 0.25,
      keyboard: true,
    });
    const c = initialCenter.current;
    map.setView(c ? [c[1], c[0]] : [37.93, 102.64], 9);
    map.on('click', (e: L.LeafletMouseEvent) => onPickRef.current({ lat: e.latlng.lat, lng: e.latlng.lng }));
    mapRef.current = map;
    setTileMap(map);
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      map.remove();
      mapRef.current = null;
      setTileMap(null);
      fittedRef.current = false;
    };
  }, []);

  // Grids: thin borders, highlighted under the pointer.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !grids) return;
    const layer = L.geoJSON<GridProps>(grids, {
      style: (f) =>
        f && f.properties.code === selectedRef.current ? { ...gridStyle, ...selectedStyle } : gridStyle,
      onEachFeature: (feature, l) => {
        const p = feature.properties;
        l.bindTooltip(() => textElement(`${p.name}（${p.villageName}）`), {
          sticky: true,
          direction: 'top',
          opacity: 0.9,
        });
        l.on({
          add: () => {
            const path = (l as L.Path).getElement();
            path?.setAttribute('data-grid-code', p.code);
          },
          mouseover: () => {
            (l as L.Path).setStyle(hoverStyle);
            (l as L.Path).bringToFront();
          },
          mouseout: () => layer.resetStyle(l),
        });
      },
    }).addTo(map);
    gridLayerRef.current = layer;
    return () => {
      layer.remove();
      gridLayerRef.current = null;
    };
  }, [grids]);

  // The district outline, on top of the grids but not catching the pointer.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !boundary) return;
    const layer = L.geoJSON(boundary, { style: () => boundaryStyle, interactive: false }).addTo(map);
    boundaryLayerRef.current = layer;
    return () => {
      layer.remove();
      boundaryLayerRef.current = null;
    };
  }, [boundary]);

  // Fit the view once, to the outline (or to the grids when they come first); later the user decides.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || fittedRef.current || (!boundary && !grids)) return;
    const layer = boundaryLayerRef.current ?? gridLayerRef.current;
    if (!layer || layer.getLayers().length === 0) return;
    map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    fittedRef.current = true;
  }, [boundary, grids]);

  // The located grid stays marked.
  useEffect(() => {
    selectedRef.current = selectedCode;
    const layer = gridLayerRef.current;
    if (!layer) return;
    layer.resetStyle();
  }, [selectedCode]);

  // The point asked about, with its answer.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !point) return;
    const marker = L.circleMarker([point.lat, point.lng], {
      radius: 7,
      color: '#ffffff',
      weight: 2,
      fillColor: '#c41d7f',
      fillOpacity: 1,
      interactive: false,
    }).addTo(map);
    if (pointLabel) {
      marker
        .bindTooltip(textElement(pointLabel), { permanent: true, direction: 'top', offset: [0, -8] })
        .openTooltip();
    }
    return () => {
      marker.remove();
    };
  }, [point, pointLabel]);

  return (
    <section
      ref={containerRef}
      data-testid="grid-map"
      aria-label="网格地图：点击地图任意位置，查询该位置所属的网格；方向键平移，加号减号缩放"
      style={{ height, width: '100%', background: BACKGROUND, borderRadius: 6 }}
    />
  );
}
