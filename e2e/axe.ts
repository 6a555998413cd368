/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it stands: the serious and critical findings, each
 * with the rule, the element and axe's explanation. The context must bypass the app's CSP (axe is
 * injected as an inline script).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * antd's Tabs put their overflow ("more") button inside the element with role=tablist, which axe
 * reports as aria-required-children on `.ant-tabs-nav`. It is the library's markup, not ours; every
 * other rule still runs on the tabs.
 */
const knownLibraryFindings = (v: AxeViolation, n: AxeNode) =>
  v.id === 'aria-required-children' && n.target.some((t) => t.includes('ant-tabs-nav'));

export async function audit(page: Page, where: string): Promise<string[]> {
  // Colours are judged at rest: a fade or transition caught halfway (a card appearing, a button
  // settling) would be measured at a blend of two colours no one reads.
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (c: Document, o: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe
      .run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      .then((r) => r.violations),
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        .filter((n) => !knownLibraryFindings(v, n))
        .map(
          (n) =>
            `${where}: ${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}\n  ${n.failureSummary ?? ''}`,
        ),
    );
}
