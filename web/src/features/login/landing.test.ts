import { describe, expect, it } from 'vitest';
import { landingAfterLogin } from './landing';

describe('landingAfterLogin', () => {
  it('opens the kit for a grid worker who logged in from the plain login page', () => {
    expect(landingAfterLogin('/', ['grid_worker'])).toBe('/field');
  });
  it('keeps the page a login was asked from, and the staff home for other roles', () => {
    expect(landingAfterLogin('/matters/abc', ['grid_worker'])).toBe('/matters/abc');
    expect(landingAfterLogin('/', ['grid_worker', 'clerk'])).toBe('/');
    expect(landingAfterLogin('/', ['leader'])).toBe('/');
    expect(landingAfterLogin('/', [])).toBe('/');
  });
});
