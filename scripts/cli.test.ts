/** The scripts say where they act before acting, and never print a database password. */
import { describe, expect, it } from 'vitest';
import { describeTarget } from './cli';

describe('describeTarget', () => {
  it('names the PGlite directory when DATABASE_URL is unset', () => {
    expect(describeTarget({ pgliteDir: '/srv/zongzhi/data/pglite' })).toBe(
      'PGlite（内置数据库）/srv/zongzhi/data/pglite',
    );
  });

  it('names the PostgreSQL address with its password hidden', () => {
    const text = describeTarget({
      databaseUrl: 'postgres://zongzhi:s3cret-pw@db.internal:5432/zongzhi',
      pgliteDir: '/unused',
    });
    expect(text).toBe('PostgreSQL postgres://zongzhi:***@db.internal:5432/zongzhi');
    expect(text).not.toContain('s3cret');
  });
});
