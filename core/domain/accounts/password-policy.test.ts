import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('refuses short, repetitive, single-class and username-bearing passwords', () => {
    expect(passwordProblem('short-1')).toMatch(/至少 12 位/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/过于简单/);
    expect(passwordProblem('121212121212')).toMatch(/过于简单/);
    expect(passwordProblem('abcdefghijkl')).toMatch(/至少两类/);
    expect(passwordProblem('wang-lei-2026!', 'wang-lei')).toMatch(/用户名/);
  });

  it('accepts a long mixed password', () => {
    expect(passwordProblem('a-much-better-password')).toBeNull();
    expect(passwordProblem('Liangzhou2026')).toBeNull();
  });
});
