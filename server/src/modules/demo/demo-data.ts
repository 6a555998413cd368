/** Reads the demo county's files shipped in data/liangzhou (sources in data/liangzhou/SOURCE.md). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countyFromJson } from '../../../../core/domain/divisions';
import { rootDir } from '../../paths';
import type { DemoInput } from './demo-seed.service';

export const demoDataDir = path.join(rootDir, 'data/liangzhou');

export function loadDemoInput(dir = demoDataDir): DemoInput {
  const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  const boundary = read('boundary.geojson') as {
    features: { properties: { center?: [number, number] }; geometry: DemoInput['boundary'] }[];
  };
  const outline = boundary.features[0];
  if (!outline) throw new Error('boundary.geojson has no feature');
  return {
    divisions: countyFromJson(read('divisions.json')),
    boundary: outline.geometry,
    center: outline.properties.center ?? null,
    grids: read('grids.generated.geojson'),
  };
}
