/**
 * My grids drawn as plain SVG from the village's grid GeoJSON kept on the phone: no map library and
 * no tile server, so it draws offline and costs the phone almost nothing.
 */
import type { GridFeatureCollection } from '../../api/grids';
import type { Position } from './useFieldStore';

type Ring = number[][];

function ringsOf(g: GridFeatureCollection['features'][number]['geometry']): Ring[] {
  const c = g.coordinates as unknown;
  if (g.type === 'Polygon') return c as Ring[];
  return (c as Ring[][]).flat();
}

export function MyGridsMap({
  grids,
  mine,
  position,
}: {
  grids: GridFeatureCollection | undefined;
  mine: Set<string>;
  position: Position | null;
}) {
  const features = grids?.features ?? [];
  if (features.length === 0) return null;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const f of features)
    for (const r of ringsOf(f.geometry))
      for (const [x = 0, y = 0] of r) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  // Equirectangular at the village's latitude: good enough across a few kilometres.
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const W = 340;
  const spanX = Math.max((maxX - minX) * k, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const H = Math.min(260, Math.max(120, (W * spanY) / spanX));
  const s = Math.min((W - 8) / spanX, (H - 8) / spanY);
  const px = (x: number) => 4 + (x - minX) * k * s;
  const py = (y: number) => H - 4 - (y - minY) * s;
  const path = (f: (typeof features)[number]) =>
    ringsOf(f.geometry)
      .map((r) => `M${r.map(([x = 0, y = 0]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('L')}Z`)
      .join('');
  const inView =
    position && position.lng >= minX && position.lng <= maxX && position.lat >= minY && position.lat <= maxY;
  const names = features.filter((f) => mine.has(f.properties.code)).map((f) => f.properties.name);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      style={{ width: '100%', height: 'auto', background: '#eef2f6', borderRadius: 8 }}
      role="img"
      aria-label={`我的网格地图：${names.join('、') || '本村（社区）网格'}`}
      data-testid="field-grid-map"
    >
      {features.map((f) => (
        <path
          key={f.properties.code}
          d={path(f)}
          fill={mine.has(f.properties.code) ? 'rgba(31,95,168,0.35)' : 'rgba(59,111,182,0.08)'}
          stroke="#3b6fb6"
          strokeWidth={mine.has(f.properties.code) ? 1.5 : 0.6}
        >
          <title>{f.properties.name}</title>
        </path>
      ))}
      {inView ? <circle cx={px(position.lng)} cy={py(position.lat)} r={5} fill="#d4380d" /> : null}
    </svg>
  );
}
