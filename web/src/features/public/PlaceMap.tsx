/**
 * A small map for a resident to point at where it happened: the county outline on a plain background
 * (no tile server: see GridMap), the towns' names and, closer in, the villages', and a dot where they
 * clicked.
 *
 * Why a click on the whole-district view used to put the pin in 松树镇: the view fits the whole
 * district into a phone's width, about 300 m a pixel, so a fingertip covers kilometres and a tap "in
 * the middle" lands wherever the middle of the outline happens to be (松树镇 and 康宁镇 meet there).
 * Nobody chose that place. Now a tap there zooms in on it, and a point is taken only from the
 * village level (PICK_ZOOM) on, where a fingertip is a few dozen metres.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { PlaceName } from '../../../../core/domain/geo/place-names';
import type { Boundary } from '../../api/grids';
import { fetchMapTiles } from '../../api/grids';
import { useFetch } from '../../phone/fetch';
import { useTileLayers } from '../map/tile-layer-effect';

/** From this zoom a tap takes the point (about 40 m a pixel at the county's latitude). */
export const PICK_ZOOM = 12;
/** Village names from this zoom; town names below it. */
const VILLAGE_ZOOM = 11;

export interface LatLng {
  lat: number;
  lng: number;
}

export interface PlaceMapHandle {
  /** The map's centre, or null while zoomed out too far for it to mean a place. */
  getCenter: () => LatLng | null;
  flyTo: (p: LatLng, zoom?: number) => void;
}

interface Props {
  /** Not `ref`: the phone entry's Preact passes no ref to a function component in every version. */
  handle?: Ref<PlaceMapHandle>;
  boundary: Boundary | undefined;
  places?: PlaceName[] | undefined;
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

function labelIcon(p: PlaceName): L.DivIcon {
  const el = document.createElement('span');
  el.textContent = p.name;
  el.className = `place-label place-label-${p.level}`;
  return L.divIcon({ html: el, className: 'place-label-box', iconSize: undefined });
}

export function PlaceMap({ handle, boundary, places, center, point, onPick, height }: Props) {
  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const initialCenter = useRef(center);
  const pointRef = useRef(point);
  pointRef.current = point;

  useImperativeHandle(handle, () => ({
    getCenter: () => {
      const map = mapRef.current;
      if (!map || map.getZoom() < PICK_ZOOM) return null;
      const c = map.getCenter();
      return { lat: c.lat, lng: c.lng };
    },
    flyTo: (p, zoom = PICK_ZOOM + 2) => {
      const map = mapRef.current;
      if (!map) return;
      // No animation: the new view (and whether a tap now takes the point) holds at once.
      map.setView([p.lat, p.lng], zoom, { animate: false });
      setZoomedOut(map.getZoom() < PICK_ZOOM);
    },
  }));
  const [zoomedOut, setZoomedOut] = useState(true);
  const [tileMap, setTileMap] = useState<L.Map | null>(null);
  const tiles = useFetch('geo:tiles', () => fetchMapTiles(), { staleMs: Number.POSITIVE_INFINITY });
  useTileLayers(tileMap, tiles.data?.tiles ?? null);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = L.map(el, { attributionControl: false, minZoom: 6, maxZoom: 17, zoomSnap: 0.25 });
    const c = initialCenter.current;
    map.setView(c ? [c[1], c[0]] : [37.93, 102.64], 9);
    map.on('click', (e: L.LeafletMouseEvent) => {
      // Too far out for a tap to mean a place: go in on it first (see the note at the top).
      if (map.getZoom() < PICK_ZOOM) map.setView(e.latlng, PICK_ZOOM);
      else onPickRef.current({ lat: e.latlng.lat, lng: e.latlng.lng });
    });
    const onZoom = () => setZoomedOut(map.getZoom() < PICK_ZOOM);
    map.on('zoomend moveend', onZoom);
    mapRef.current = map;
    setTileMap(map);
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      map.remove();
      mapRef.current = null;
      setTileMap(null);
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !boundary) return;
    const layer = L.geoJSON(boundary, { style: () => outlineStyle }).addTo(map);
    // A pin already set (my location before the outline came, a draft, a point from the address) keeps
    // its close view; otherwise the whole district.
    const p = pointRef.current;
    if (p && map.getZoom() < PICK_ZOOM) map.setView([p.lat, p.lng], PICK_ZOOM + 2, { animate: false });
    // Without animation: a zoom animation whose transition end never comes (the outline arriving while
    // the map is still being laid out) leaves Leaflet "animating" and it then drops the resident's tap.
    else if (!p) map.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
    containerRef.current?.setAttribute('data-ready', 'true');
    return () => {
      layer.remove();
    };
  }, [boundary]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !places) return;
    const towns = L.layerGroup(
      places
        .filter((p) => p.level === 'town')
        .map((p) => L.marker([p.lat, p.lng], { icon: labelIcon(p), interactive: false, keyboard: false })),
    );
    const villages = L.layerGroup(
      places
        .filter((p) => p.level === 'village')
        .map((p) => L.marker([p.lat, p.lng], { icon: labelIcon(p), interactive: false, keyboard: false })),
    );
    // Names at the right zoom: towns on the district view, villages once a town fills the map.
    const show = () => {
      const z = map.getZoom();
      const wanted = z >= VILLAGE_ZOOM ? villages : towns;
      const other = wanted === villages ? towns : villages;
      if (!map.hasLayer(wanted)) wanted.addTo(map);
      if (map.hasLayer(other)) other.remove();
    };
    show();
    map.on('zoomend', show);
    containerRef.current?.setAttribute('data-places', String(places.length));
    return () => {
      map.off('zoomend', show);
      towns.remove();
      villages.remove();
    };
  }, [places]);

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
    <div style={{ position: 'relative' }}>
      <style>{labelCss}</style>
      <section
        ref={containerRef}
        data-testid="place-map"
        data-zoomed-out={zoomedOut ? 'true' : 'false'}
        aria-label="事发地点地图：点击地图选择事情发生的位置"
        style={{ height, width: '100%', background: '#eef2f6', borderRadius: 6 }}
      />
      {/* The hint is for choosing a place: once a pin is set (a tap, a name, my location) it is done. */}
      {zoomedOut && !point && (
        <div
          role="note"
          data-testid="place-map-hint"
          style={{
            position: 'absolute',
            top: 8,
            left: 48,
            right: 8,
            zIndex: 900,
            background: 'rgba(255,255,255,0.92)',
            color: '#1d2b3a',
            padding: '2px 8px',
            borderRadius: 4,
            fontSize: 13,
          }}
        >
          点击地图放大，放大到村（社区）后再点选事发位置
        </div>
      )}
    </div>
  );
}

const labelCss = `
.place-label-box { background: none; border: none; width: auto !important; height: auto !important; }
.place-label { display: inline-block; transform: translate(-50%, -50%); white-space: nowrap;
  color: #1d2b3a; font-size: 12px; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; pointer-events: none; }
.place-label-town { font-size: 13px; font-weight: 600; color: #0f3d75; }
`;
