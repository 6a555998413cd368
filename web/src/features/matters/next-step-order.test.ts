import { describe, expect, it } from 'vitest';
import { recommendedFirst } from './next-step-order';

const allowed = [{ action: 'accept' }, { action: 'route' }, { action: 'refuse' }, { action: 'transfer' }];

describe('action buttons: the recommended next step first', () => {
  it('moves the recommended action to the front and keeps the table order of the rest', () => {
    expect(recommendedFirst(allowed, 'refuse').map((a) => a.action)).toEqual([
      'refuse',
      'accept',
      'route',
      'transfer',
    ]);
  });

  it('leaves the order alone when nothing is recommended or the viewer cannot take it', () => {
    expect(recommendedFirst(allowed, null)).toEqual(allowed);
    expect(recommendedFirst(allowed, 'archive')).toEqual(allowed);
  });

  it('does not reorder the list it was given (React state stays untouched)', () => {
    const before = [...allowed];
    recommendedFirst(allowed, 'transfer');
    expect(allowed).toEqual(before);
  });
});
