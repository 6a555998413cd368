import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { runningClockFrom } from './context';

describe('the settable clock (ZONGZHI_CLOCK)', () => {
  it('starts the server at the given instant', () => {
    const c = loadConfig({ ZONGZHI_CLOCK: '2026-12-29T09:00:00+08:00' });
    expect(c.clockStart?.toISOString()).toBe('2026-12-29T01:00:00.000Z');
    const clock = runningClockFrom(c.clockStart!);
    const at = clock.now().getTime();
    // It runs from there with the real time.
    expect(at).toBeGreaterThanOrEqual(Date.parse('2026-12-29T01:00:00.000Z'));
    expect(at).toBeLessThan(Date.parse('2026-12-29T01:01:00.000Z'));
  });

  it('is absent unless set', () => {
    expect(loadConfig({}).clockStart).toBeNull();
  });

  it('is refused in production mode, and without a time zone', () => {
    expect(() =>
      loadConfig({
        ZONGZHI_MODE: 'production',
        PII_HASH_KEY: 'k'.repeat(32),
        CHECKPOINT_KEY: 'c'.repeat(32),
        PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        ZONGZHI_CLOCK: '2026-12-29T09:00:00+08:00',
      }),
    ).toThrow('ZONGZHI_CLOCK: 生产模式不能设置模拟时钟');
    expect(() => loadConfig({ ZONGZHI_CLOCK: '2026-12-29 09:00' })).toThrow(
      'ZONGZHI_CLOCK 必须是带时区的时间',
    );
  });
});

describe('the holiday warning day', () => {
  it('defaults to 1 November and takes MM-DD', () => {
    expect(loadConfig({}).calendarWarnFrom).toBe('11-01');
    expect(loadConfig({ CALENDAR_WARN_FROM: '10-15' }).calendarWarnFrom).toBe('10-15');
    expect(() => loadConfig({ CALENDAR_WARN_FROM: '13-01' })).toThrow('CALENDAR_WARN_FROM');
  });
});

describe('the checkpoint key', () => {
  it('is required in production, and kept apart from the database', () => {
    const production = {
      ZONGZHI_MODE: 'production',
      PII_HASH_KEY: 'k'.repeat(32),
      PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(() => loadConfig(production)).toThrow('CHECKPOINT_KEY: 生产模式必须设置');
    const c = loadConfig({ ...production, CHECKPOINT_KEY: 'c'.repeat(32), DATA_DIR: '/srv/zz' });
    expect(c.checkpoints).toMatchObject({ key: 'c'.repeat(32), dir: '/srv/zz/checkpoints', url: null });
  });

  it('needs DATABASE_URL beside MIGRATION_DATABASE_URL', () => {
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/zz' })).toThrow(
      'MIGRATION_DATABASE_URL: 只用于 PostgreSQL',
    );
  });
});

describe('the second-factor policy (ZONGZHI_2FA)', () => {
  it('is required in production and optional in the demo unless set', () => {
    const prod = {
      ZONGZHI_MODE: 'production',
      PII_HASH_KEY: 'k'.repeat(32),
      CHECKPOINT_KEY: 'c'.repeat(32),
      PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(loadConfig(prod).twoFactor).toEqual({ policy: 'required', stepUpMinutes: 5 });
    expect(loadConfig({}).twoFactor.policy).toBe('optional');
    expect(loadConfig({ ZONGZHI_2FA: 'required' }).twoFactor.policy).toBe('required');
    expect(loadConfig({ ...prod, ZONGZHI_2FA: 'optional', STEP_UP_MINUTES: '10' }).twoFactor).toEqual({
      policy: 'optional',
      stepUpMinutes: 10,
    });
    expect(() => loadConfig({ ZONGZHI_2FA: 'off' })).toThrow('ZONGZHI_2FA');
  });
});

describe('the identity encryption key (G31)', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('is required in production mode; the demo runs on its public key', () => {
    expect(() =>
      loadConfig({
        ZONGZHI_MODE: 'production',
        PII_HASH_KEY: 'k'.repeat(32),
        CHECKPOINT_KEY: 'c'.repeat(32),
      }),
    ).toThrow('PII_ENCRYPTION_KEY: 生产模式必须设置');
    expect(loadConfig({}).piiEncryption.currentKeyId).toBe('demo');
    const prod = loadConfig({
      ZONGZHI_MODE: 'production',
      PII_HASH_KEY: 'k'.repeat(32),
      PII_ENCRYPTION_KEY: key,
      CHECKPOINT_KEY: 'c'.repeat(32),
    });
    expect(prod.piiEncryption).toEqual({ currentKeyId: 'k1', keys: { k1: key } });
  });

  it('takes a key id and the previous keys being rotated out, and refuses a short key', () => {
    const old = Buffer.alloc(32, 3).toString('base64');
    const c = loadConfig({
      PII_ENCRYPTION_KEY: key,
      PII_ENCRYPTION_KEY_ID: '2027a',
      PII_PREVIOUS_KEYS: `k1=${old}`,
    });
    expect(c.piiEncryption).toEqual({ currentKeyId: '2027a', keys: { k1: old, '2027a': key } });
    expect(() => loadConfig({ PII_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      'PII_ENCRYPTION_KEY 必须是 32 字节',
    );
    expect(() => loadConfig({ PII_ENCRYPTION_KEY: key, PII_PREVIOUS_KEYS: 'k0=abcd' })).toThrow(
      'PII_PREVIOUS_KEYS',
    );
  });
});
