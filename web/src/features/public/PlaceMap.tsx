/**
 * A small map for a resident to point at where it happened: the county outline on a plain background
 * (no tile server: see GridMap) and a dot where they clicked.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import type { Boundary } from '../../api/grids';

export interface LatLng {
  lat: number;
  lng: number;
}

export interface PlaceMapHandle {
  getCenter: () => LatLng | null;
}

interface Props {
  ref?: Ref<PlaceMapHandle>;
  boundary: Boundary | undefined;
  center: [number, number] | null;
  point: LatLng | null;
  onPick: (p: LatLng) => void;
  height: number;
}

const outlineStyle: L.PathOptions = {
  color: '#1f5fa8',
  weight: 2,
  opacity: 0.9,
  fillColor: '#5b8ff9',
  fillOpacity: 0.08,
  interactive: false,
};

export function PlaceMap({ ref, boundary, center, point, onPick, height }: Props) {
  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const initialCenter = useRef(center);

  useImperativeHandle(ref, () => ({
    getCenter: () => {
      const c = mapRef.current?.getCenter();
      return c ? { lat: c.lat, lng: c.lng } : null;
    },
  }));

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = L.map(el, { attributionControl: false, minZoom: 6, maxZoom: 17, zoomSnap: 0.25 });
    const c = initialCenter.current;
    map.setView(c ? [c[1], c[0]] : [37.93, 102.64], 9);
    map.on('click', (e: L.LeafletMouseEvent) => onPickRef.current({ lat: e.latlng.lat, lng: e.latlng.lng }));
    mapRef.current = map;
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !boundary) return;
    const layer = L.geoJSON(boundary, { style: () => outlineStyle }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    containerRef.current?.setAttribute('data-ready', 'true');
    return () => {
      layer.remove();
    };
  }, [boundary]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !point) return;
    const marker = L.circleMarker([point.lat, point.lng], {
      radius: 8,
      color: '#ffffff',
      weight: 2,
      fillColor: '#d4380d',
      fillOpacity: 1,
      interactive: false,
    }).addTo(map);
    return () => {
      marker.remove();
    };
  }, [point]);

  return (
    <section
      ref={containerRef}
      data-testid="place-map"
      aria-label="事发地点地图：点击地图选择事情发生的位置"
      style={{ height, width: '100%', background: '#eef2f6', borderRadius: 6 }}
    />
  );
}
