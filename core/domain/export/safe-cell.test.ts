import { describe, expect, it } from 'vitest';
import { safeCellText } from './safe-cell';

describe('spreadsheet cells', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const bad of [
      '=HYPERLINK("http://x","点我")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '\u0001x',
    ])
      expect(safeCellText(bad)).toBe(`'${bad}`);
  });

  it('leaves ordinary text alone, including a hyphen inside it', () => {
    for (const ok of ['邻里纠纷', '620602-2026-000001', 'A=B', '王**']) expect(safeCellText(ok)).toBe(ok);
  });
});
