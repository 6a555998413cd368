import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GridGeometry, Position, Ring } from './geometry';
import { type GridImportContext, type Problem, validateGridImport } from './validate-grids';

const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const polygon = (...rings: Ring[]): GridGeometry => ({ type: 'Polygon', coordinates: rings });

// A 0.4° × 0.2° county near Wuwei, tiled by four 0.1° × 0.2° strips.
const ctx: GridImportContext = {
  outline: polygon(rect(102, 37.8, 102.4, 38)),
  villages: new Set(['620602100001', '620602100002']),
};
const strip = (k: number) => polygon(rect(102 + k * 0.1, 37.8, 102.1 + k * 0.1, 38));
const feature = (code: unknown, geometry: unknown, villageCode: unknown = '620602100001') => ({
  type: 'Feature',
  properties: { code, villageCode, name: `网格${String(code)}` },
  geometry,
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const good = () => [0, 1, 2, 3].map((k) => feature(`620602100001${k + 1}`.padEnd(15, '0'), strip(k)));

function problemsOf(input: unknown, context = ctx): Problem[] {
  const result = validateGridImport(input, context);
  if (result.ok) throw new Error('expected the import to be refused');
  return result.problems;
}
const codesAt = (problems: Problem[]) => problems.map((p) => [p.feature, p.code]);

describe('validateGridImport', () => {
  it('accepts a clean tiling and returns its grids in file order', () => {
    const result = validateGridImport(collection(...good()), ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.grids.map((g) => [g.index, g.code, g.villageCode])).toEqual([
      [0, '620602100001100', '620602100001'],
      [1, '620602100001200', '620602100001'],
      [2, '620602100001300', '620602100001'],
      [3, '620602100001400', '620602100001'],
    ]);
    expect(result.grids[0]!.name).toBe('网格620602100001100');
  });

  it('accepts a Map of villages as well as a Set', () => {
    const villages = new Map([['620602100001', { name: '某村' }]]);
    expect(validateGridImport(collection(...good()), { ...ctx, villages }).ok).toBe(true);
  });

  it('accepts positions with an altitude and returns the grids in two dimensions', () => {
    const features = good();
    const ring = rect(102, 37.8, 102.1, 38).map(([x, y]) => [x, y, 1500]);
    features[0] = feature('620602100001100', { type: 'Polygon', coordinates: [ring] });
    const result = validateGridImport(collection(...features), ctx);
    expect(result.ok && result.grids[0]!.geometry).toEqual(strip(0));
  });

  it('refuses anything that is not a FeatureCollection, or one without features', () => {
    for (const input of [null, 'x', [], { type: 'Feature' }, { type: 'FeatureCollection', features: {} }]) {
      expect(codesAt(problemsOf(input))).toEqual([[-1, 'GRID_NOT_FEATURE_COLLECTION']]);
    }
    expect(codesAt(problemsOf(collection()))).toEqual([[-1, 'GRID_NO_FEATURES']]);
  });

  it('refuses an entry that is not a Feature', () => {
    const features = good();
    features[2] = { type: 'Polygon' } as unknown as (typeof features)[number];
    expect(codesAt(problemsOf(collection(...features)))).toContainEqual([2, 'GRID_NOT_FEATURE']);
  });

  it.each([
    [
      'a LineString',
      {
        type: 'LineString',
        coordinates: [
          [102, 37.8],
          [102.1, 37.9],
        ],
      },
      'LineString',
    ],
    ['no geometry', null, '缺少几何'],
    ['an unclosed ring', polygon(rect(102, 37.8, 102.1, 38).slice(0, -1)), '未闭合'],
    [
      'a ring of three positions',
      polygon([
        [102, 37.8],
        [102.1, 37.8],
        [102, 37.8],
      ]),
      '只有 3 个坐标',
    ],
    [
      'a non-finite number',
      polygon([
        [102, 37.8],
        [Number.NaN, 37.8],
        [102.1, 38],
        [102, 37.8],
      ]),
      '第 2 个坐标',
    ],
    [
      'a string for a number',
      polygon([[102, 37.8], ['102.1', 37.8] as unknown as Position, [102.1, 38], [102, 37.8]]),
      '不是有限',
    ],
    [
      'a longitude out of range',
      polygon([
        [102, 37.8],
        [200, 37.8],
        [102.1, 38],
        [102, 37.8],
      ]),
      '超出经纬度范围',
    ],
    [
      'a ring of one repeated position',
      polygon([
        [102, 37.8],
        [102, 37.8],
        [102, 37.8],
        [102, 37.8],
      ]),
      '面积为零',
    ],
  ])('refuses %s with GRID_INVALID_GEOMETRY at that feature', (_, geometry, words) => {
    const features = good();
    features[1] = feature('620602100001200', geometry);
    const problems = problemsOf(collection(...features));
    const problem = problems.find((p) => p.code === 'GRID_INVALID_GEOMETRY');
    expect(problem?.feature).toBe(1);
    expect(problem?.message).toContain('第 2 个要素（网格 620602100001200）');
    expect(problem?.message).toContain(words);
  });

  it('refuses a self-intersecting (bow-tie) ring and says where it crosses', () => {
    // Symmetric, so its signed area is zero: the crossing is still what gets reported.
    const bowTie: Ring = [
      [102.1, 37.8],
      [102.2, 38],
      [102.2, 37.8],
      [102.1, 38],
      [102.1, 37.8],
    ];
    const features = good();
    features[1] = feature('620602100001200', polygon(bowTie));
    const problems = problemsOf(collection(...features)).filter((p) => p.feature === 1);
    expect(problems).toEqual([
      {
        feature: 1,
        code: 'GRID_SELF_INTERSECTION',
        message:
          '第 2 个要素（网格 620602100001200）的外环自相交：第 1 条边与第 3 条边在 (102.15, 37.9) 附近相交',
      },
    ]);
  });

  it.each([
    [
      'doubles back on itself (a spike)',
      [
        [102.1, 37.8],
        [102.2, 37.8],
        [102.25, 37.8],
        [102.2, 37.8],
        [102.2, 38],
        [102.1, 38],
        [102.1, 37.8],
      ],
    ],
    [
      'runs along a line and back (zero area)',
      [
        [102.1, 37.8],
        [102.15, 37.8],
        [102.2, 37.8],
        [102.1, 37.8],
      ],
    ],
    [
      'touches itself at a vertex',
      [
        [102.1, 37.8],
        [102.2, 37.8],
        [102.15, 37.9],
        [102.2, 38],
        [102.1, 38],
        [102.15, 37.9],
        [102.1, 37.8],
      ],
    ],
  ])('refuses a ring that %s', (_, ring) => {
    const features = good();
    features[1] = feature('620602100001200', polygon(ring as Ring));
    expect(codesAt(problemsOf(collection(...features)))).toContainEqual([1, 'GRID_SELF_INTERSECTION']);
  });

  it('refuses overlapping grids, naming both and the overlap in km²', () => {
    const features = good();
    features[2] = feature('620602100001300', polygon(rect(102.15, 37.8, 102.3, 38)));
    const problems = problemsOf(collection(...features));
    expect(codesAt(problems)).toEqual([[1, 'GRID_OVERLAP']]);
    expect(problems[0]!.other).toBe(2);
    // 0.05° × 0.2° at 37.9° N ≈ 4.39 km × 22.26 km ≈ 97.8 km².
    expect(problems[0]!.message).toBe(
      '第 2 个要素（网格 620602100001200）与第 3 个要素（网格 620602100001300）重叠，重叠面积约 97.78 平方公里',
    );
  });

  it('accepts a grid that fills the hole of another', () => {
    const features = good();
    features[1] = feature(
      '620602100001200',
      polygon(rect(102.1, 37.8, 102.2, 38), rect(102.12, 37.85, 102.18, 37.9)),
    );
    features.push(feature('620602100001500', polygon(rect(102.12, 37.85, 102.18, 37.9))));
    expect(validateGridImport(collection(...features), ctx).ok).toBe(true);
  });

  it('refuses a grid that reaches outside the county', () => {
    const features = good();
    features[3] = feature('620602100001400', polygon(rect(102.3, 37.8, 102.5, 38)));
    const problems = problemsOf(collection(...features));
    expect(codesAt(problems)).toEqual([[3, 'GRID_OUTSIDE_COUNTY']]);
    expect(problems[0]!.message).toContain('（占该网格 50.0%）超出本区边界');
  });

  it('refuses unknown and missing villages and missing and duplicate codes', () => {
    const features = good();
    features[0] = feature('620602100001100', strip(0), '620602999001');
    features[1] = feature(undefined, strip(1));
    features[2] = feature('620602100001400', strip(2), '');
    const problems = problemsOf(collection(...features));
    expect(codesAt(problems)).toEqual([
      [0, 'GRID_UNKNOWN_VILLAGE'],
      [1, 'GRID_MISSING_CODE'],
      [2, 'GRID_MISSING_VILLAGE'],
      [3, 'GRID_DUPLICATE_CODE'],
    ]);
    expect(problems[0]!.message).toContain('620602999001');
    expect(problems[3]!.message).toBe('第 4 个要素的网格编码 620602100001400 与第 3 个要素重复');
    expect(problems[3]!.other).toBe(2);
  });

  it('reports every problem of a file at once, not just the first', () => {
    const features: unknown[] = good();
    features[0] = feature('620602100001100', polygon(rect(102, 37.8, 102.15, 38)), 'nope');
    features[2] = feature('620602100001300', { type: 'Point', coordinates: [102.25, 37.9] });
    features[3] = feature(42, polygon(rect(102.3, 37.8, 102.45, 38)));
    expect(codesAt(problemsOf(collection(...features)))).toEqual([
      [0, 'GRID_UNKNOWN_VILLAGE'],
      [0, 'GRID_OVERLAP'],
      [2, 'GRID_INVALID_GEOMETRY'],
      [3, 'GRID_MISSING_CODE'],
      [3, 'GRID_OUTSIDE_COUNTY'],
    ]);
  });

  it('accepts a file that leaves part of the county uncovered, with a warning giving the share', () => {
    const result = validateGridImport(collection(...good().slice(0, 3)), ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.feature, w.code])).toEqual([[-1, 'GRID_GAP']]);
    expect(result.warnings[0]!.message).toContain('占全区面积 25.00%');
  });

  describe('on the committed generated grids of Liangzhou', () => {
    const read = (f: string) =>
      JSON.parse(readFileSync(new URL(`../../../data/liangzhou/${f}`, import.meta.url), 'utf8'));
    const outline = read('boundary.geojson').features[0].geometry as GridGeometry;
    const towns = read('divisions.json').towns as { villages: { code: string }[] }[];
    const liangzhou = { outline, villages: new Set(towns.flatMap((t) => t.villages.map((v) => v.code))) };
    const file = () => read('grids.generated.geojson') as { features: { geometry: GridGeometry }[] };

    it('accepts them without a warning', () => {
      const result = validateGridImport(file(), liangzhou);
      expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
      if (!result.ok) return;
      expect(result.grids.length).toBeGreaterThanOrEqual(1300);
      expect(result.warnings).toEqual([]);
    });

    it('finds the overlaps of one grid blown up by 5 % and nothing else', () => {
      const input = file();
      const grown = input.features[500]!.geometry;
      const ring = (grown.type === 'Polygon' ? grown.coordinates : grown.coordinates[0]!)[0]!;
      const [cx, cy] = ring
        .slice(0, -1)
        .reduce(([x, y], p) => [x + p[0] / (ring.length - 1), y + p[1] / (ring.length - 1)], [0, 0]);
      for (const p of ring) p.splice(0, 2, cx + (p[0] - cx) * 1.05, cy + (p[1] - cy) * 1.05);
      const problems = problemsOf(input, liangzhou);
      expect(problems.length).toBeGreaterThanOrEqual(2);
      for (const p of problems) {
        expect(p.code).toBe('GRID_OVERLAP');
        expect([p.feature, p.other]).toContain(500);
      }
    });
  });
});
