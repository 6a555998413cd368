/**
 * The configured background layers (MAP_TILE_*, see tile-layers.ts) put on a Leaflet map, given the
 * configuration already fetched: the staff maps fetch it with TanStack Query, the resident's map with
 * the phone entry's own helper, and neither drags the other's in.
 */
import L from 'leaflet';
import { useEffect } from 'react';
import type { MapTilesView } from '../../../../core/contracts/grids';

export type Tiles = NonNullable<MapTilesView['tiles']>;

function layer(template: string, tiles: Tiles): L.TileLayer {
  // The key goes as `tk`, the name 天地图 expects; a template that already has a query keeps it.
  const url = tiles.key
    ? `${template}${template.includes('?') ? '&' : '?'}tk=${encodeURIComponent(tiles.key)}`
    : template;
  return L.tileLayer(url, {
    subdomains: tiles.subdomains,
    maxZoom: 18,
    // The site sends no referrer (security headers); 天地图 checks a browser key against the origin.
    referrerPolicy: 'origin',
    className: 'zz-tiles',
  });
}

/** Adds the layers (base, then annotation) below everything else on `map`. */
export function useTileLayers(map: L.Map | null, tiles: Tiles | null) {
  useEffect(() => {
    if (!map || !tiles) return;
    const layers = [tiles.url, tiles.labelUrl].filter((u): u is string => !!u).map((u) => layer(u, tiles));
    // In Leaflet's tile pane, under the outlines and labels; the annotation layer over the base one.
    for (const l of layers) l.addTo(map);
    map.getContainer().setAttribute('data-tiles', String(layers.length));
    return () => {
      for (const l of layers) l.remove();
    };
  }, [map, tiles]);
}
