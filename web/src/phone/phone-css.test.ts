/**
 * The phone entry's one CSS file takes its colours from the theme's tokens (web/src/app/theme.ts),
 * which were chosen for 4.5:1 contrast: a token changed there must be changed here too.
 */
// biome-ignore lint/style/noRestrictedImports: a test in Node reads the stylesheet (vitest leaves `?raw` CSS empty).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { theme } from '../app/theme';

const css = readFileSync(new URL('./phone.css', import.meta.url), 'utf8');

function variable(name: string): string | undefined {
  return new RegExp(`--${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim();
}

/** Relative luminance and contrast ratio (WCAG 2.1), for #rrggbb on white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05);
}

describe('phone.css', () => {
  const t = theme.token ?? {};
  it.each([
    ['zz-primary', t.colorPrimary],
    ['zz-text-secondary', t.colorTextSecondary],
    ['zz-error', t.colorError],
    ['zz-success', t.colorSuccess],
    ['zz-success-bg', t.colorSuccessBg],
    ['zz-warning', t.colorWarning],
    ['zz-warning-bg', t.colorWarningBg],
    ['zz-info', t.colorInfo],
    ['zz-info-bg', t.colorInfoBg],
    ['zz-orange', t.orange],
    ['zz-radius', `${t.borderRadius}px`],
  ])('--%s is the theme token %s', (name, token) => {
    expect(token).toBeDefined();
    expect(variable(name)).toBe(token);
  });

  it('keeps every coloured text at 4.5:1 or more on white', () => {
    for (const name of ['zz-primary', 'zz-error', 'zz-success', 'zz-warning', 'zz-info', 'zz-orange']) {
      expect(contrastOnWhite(variable(name)!), name).toBeGreaterThanOrEqual(4.5);
    }
  });
});
