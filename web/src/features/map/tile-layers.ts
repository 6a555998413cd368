/**
 * The optional background map (MAP_TILE_* in docs/DEPLOY.md, e.g. 天地图's vector and annotation
 * layers) under the product's own outlines. Off unless configured: the outlines and place names work
 * without the internet, the tiles only add roads and buildings when the network is there.
 */
import { useQuery } from '@tanstack/react-query';
import type L from 'leaflet';
import { fetchMapTiles, geoKeys } from '../../api/grids';
import { useTileLayers } from './tile-layer-effect';

/** Adds the configured layers (base, then annotation) below everything else on `map`. */
export function useMapTiles(map: L.Map | null) {
  const config = useQuery({
    queryKey: geoKeys.tiles,
    queryFn: ({ signal }) => fetchMapTiles(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useTileLayers(map, config.data?.tiles ?? null);
}
