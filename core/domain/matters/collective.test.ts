import { describe, expect, it } from 'vitest';
import { checkRepresentatives, isCollective } from './collective';

describe('collective matters', () => {
  it('flags five or more applicants by default, and follows a configured threshold', () => {
    expect(isCollective(4)).toBe(false);
    expect(isCollective(5)).toBe(true);
    expect(isCollective(3, { threshold: 3 })).toBe(true);
    expect(isCollective(4, { threshold: 0 })).toBe(false);
  });

  it('allows at most five representatives (信访工作条例 art. 20(3))', () => {
    expect(
      checkRepresentatives({ channel: 'walk_in', applicantCount: 30, representativeCount: 5 }),
    ).toBeNull();
    expect(
      checkRepresentatives({ channel: 'walk_in', applicantCount: 30, representativeCount: 6 }),
    ).toMatchObject({
      httpStatus: 422,
      code: 'TOO_MANY_REPRESENTATIVES',
    });
  });

  it('requires representatives when several people visit together', () => {
    expect(
      checkRepresentatives({ channel: 'walk_in', applicantCount: 8, representativeCount: 0 }),
    ).toMatchObject({
      code: 'REPRESENTATIVES_REQUIRED',
    });
    expect(checkRepresentatives({ channel: 'letter', applicantCount: 8, representativeCount: 0 })).toBeNull();
    expect(
      checkRepresentatives({ channel: 'online', applicantCount: 2, representativeCount: 3 }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
