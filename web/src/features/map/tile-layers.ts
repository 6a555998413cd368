/**
 * The optional background map (MAP_TILE_* in docs/DEPLOY.md, e.g. 天地图's vector and annotation
 * layers) under the product's own outlines. Off unless configured: the outlines and place names work
 * without the internet, the tiles only add roads and buildings when the network is there.
 */
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import { useEffect } from 'react';
import type { MapTilesView } from '../../../../core/contracts/grids';
import { fetchMapTiles, geoKeys } from '../../api/grids';

type Tiles = NonNullable<MapTilesView['tiles']>;

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

/** Adds the configured layers (base, then annotation) below everything else on `map`. */
export function useMapTiles(map: L.Map | null) {
  const config = useQuery({
    queryKey: geoKeys.tiles,
    queryFn: ({ signal }) => fetchMapTiles(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const tiles = config.data?.tiles ?? null;
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
