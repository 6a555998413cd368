import { describe, expect, it } from 'vitest';
import { type Clock, clocksOf, diffClocks, isWindow, windowOpen } from './clocks';
import { isTerminal, matterKinds, matterStatuses } from './model';
import { buildMatter, daysAfter, NOW, orgs, stateIn } from './test-fixtures';

const names = (cs: Clock[]) => cs.map((c) => `${c.basis}@${c.orgId}`);

describe('clocksOf', () => {
  it('gives every live status of every kind a duty deadline, and terminal statuses none', () => {
    for (const kind of matterKinds) {
      for (const status of matterStatuses) {
        const clocks = clocksOf(stateIn(kind, status));
        if (isTerminal(status)) expect(clocks).toEqual([]);
        else
          expect(
            clocks.some((c) => !isWindow(c.basis)),
            `${kind}/${status}`,
          ).toBe(true);
      }
    }
  });

  it('starts a petition on XF-22 at a petition bureau and XF-23-notice anywhere else', () => {
    expect(names(clocksOf(buildMatter({ kind: 'petition', owner: orgs.bureau })))).toEqual(['XF-22@xfj']);
    expect(names(clocksOf(buildMatter({ kind: 'petition', owner: orgs.town })))).toEqual(['XF-23-notice@t1']);
  });

  it('handles urgent matters the same day (事不过夜) and labour mediation in 15 days', () => {
    expect(names(clocksOf(buildMatter({ urgent: true })))).toEqual(['LOCAL-SAME-DAY@v1']);
    expect(names(clocksOf(buildMatter({ status: 'handling', urgent: true })))).toEqual(['LOCAL-SAME-DAY@v1']);
    const labour = { ...stateIn('dispute', 'mediating'), labourDispute: true };
    expect(names(clocksOf(labour))).toEqual(['LOCAL-VILLAGE@v1', 'LD-14@v1']);
  });
});

describe('diffClocks', () => {
  it('moves the statutory 60 days with the owner instead of restarting them (XF art. 34)', () => {
    const before = [
      { basis: 'XF-34', orgId: 'v1' } as const,
      { basis: 'LOCAL-VILLAGE', orgId: 'v1' } as const,
    ];
    const after = [{ basis: 'XF-34', orgId: 't1' } as const, { basis: 'LOCAL-TOWN', orgId: 't1' } as const];
    expect(diffClocks(before, after)).toEqual({
      start: [{ basis: 'LOCAL-TOWN', orgId: 't1' }],
      stop: [{ basis: 'LOCAL-VILLAGE', orgId: 'v1' }],
      moved: [{ basis: 'XF-34', orgId: 't1' }],
    });
  });
});

describe('windowOpen', () => {
  const d = [{ basis: 'XF-35-request', dueAt: daysAfter(NOW, 1) }];
  it('is open until the last instant, closed after it or when no such deadline exists', () => {
    expect(windowOpen(d, 'XF-35-request', NOW)).toBe(true);
    expect(windowOpen(d, 'XF-35-request', daysAfter(NOW, 1))).toBe(true);
    expect(windowOpen(d, 'XF-35-request', new Date(daysAfter(NOW, 1).getTime() + 1))).toBe(false);
    expect(windowOpen(d, 'XF-36-request', NOW)).toBe(false);
    expect(windowOpen([{ basis: 'XF-36-request', dueAt: null }], 'XF-36-request', NOW)).toBe(true);
  });
});
