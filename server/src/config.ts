/**
 * The only reader of process.env (docs/CONVENTIONS.md 15): parsed once, frozen, fails fast.
 * With no DATABASE_URL the product runs on PGlite under ./data.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须是 postgres:// 地址')
    .optional(),
  /**
   * The owner's PostgreSQL address: migrations run as this role, and the server's own role
   * (DATABASE_URL) gets only INSERT and SELECT on the event log (docs/DEPLOY.md).
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'MIGRATION_DATABASE_URL 必须是 postgres:// 地址')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  /** demo: seed the Liangzhou demo county and its demo accounts on first start; production: never. */
  ZONGZHI_MODE: z.enum(['demo', 'production']).optional(),
  DEMO_PASSWORD: z.string().min(8).default('zongzhi-demo'),
  /**
   * How many matters of generated history (server/src/modules/demo/generator) a demo install gets on its
   * first start, so the dashboard, the wall and the map have a county's year to show; 0 (or
   * `npm start -- --empty`) starts with the bare county. Tests that start demo servers set 0.
   */
  ZONGZHI_DEMO_HISTORY: z.coerce.number().int().min(0).max(200_000).default(30_000),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(30).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(12).default(12),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * required: the roles of twoFactorRoles must enrol a TOTP authenticator before they can work
   * (default in production); optional: enrolment is offered, not forced (default in the demo, whose
   * seeded accounts log in with the password alone). Enrolled accounts always give their code.
   */
  ZONGZHI_2FA: z.enum(['required', 'optional']).optional(),
  /** How long a step-up (a fresh TOTP) lets API keys, unmasking and exports through. */
  STEP_UP_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /** Set behind HTTPS: the session cookie becomes __Host- and Secure. */
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Per-IP login attempts per minute, in front of the per-account lockout. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /**
   * Per-IP requests per minute to each public read (county outline, counties, catalog, 村务公开,
   * OpenAPI document, /healthz): far above a browser's (which revalidates with ETags), far below a
   * scraping loop's.
   */
  PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Key of the HMAC that turns ID and phone numbers into searchable hashes; required in production. */
  PII_HASH_KEY: z.string().min(16).optional(),
  /**
   * AES-256-GCM key (32 random bytes, base64) sealing ID and phone numbers at rest, and its id, which
   * every sealed value carries (docs/DEPLOY.md: key rotation). Required in production.
   */
  PII_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'PII_ENCRYPTION_KEY 必须是 32 字节随机数的 base64')
    .optional(),
  PII_ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'PII_ENCRYPTION_KEY_ID 只能含字母、数字、- 和 _')
    .default('k1'),
  /** Keys being rotated out, `id=base64,id=base64`: they still open what they sealed until re-sealed. */
  PII_PREVIOUS_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,32}=[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]{1,32}=[A-Za-z0-9+/=]+)*$/,
      'PII_PREVIOUS_KEYS 格式为 id=base64,id=base64',
    )
    .optional(),
  /** Largest attachment accepted, in bytes (default 10 MiB). */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** How often the county-wide risk rules run (default 15 minutes; the per-matter rule runs at intake). */
  RISK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  SEAL_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  /**
   * Signed checkpoints of the event chains (docs/SECURITY.md G12): the HMAC key (kept out of the
   * database; required in production), the directory they are appended to, an optional HTTP endpoint
   * that also receives each one, and how often the server publishes them.
   */
  CHECKPOINT_KEY: z.string().min(16).optional(),
  CHECKPOINT_DIR: z.string().optional(),
  CHECKPOINT_URL: z.url({ protocol: /^https?$/, error: 'CHECKPOINT_URL 必须是 http(s) 地址' }).optional(),
  CHECKPOINT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  /** The court mediation platform (docs/COURT-API.md); unset: messages wait in the outbox. */
  COURT_PLATFORM_URL: z
    .url({ protocol: /^https?$/, error: 'COURT_PLATFORM_URL 必须是 http(s) 地址' })
    .optional(),
  COURT_KEY_ID: z.string().min(3).default('zongzhi-demo'),
  /** Our key for signing what we send, and the court's key for checking what it sends us. */
  COURT_OUTBOUND_SECRET: z.string().min(16).optional(),
  COURT_INBOUND_SECRET: z.string().min(16).optional(),
  COURT_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * Idempotency-Key (docs/API.md): how long a request being handled holds its key (a crashed run's
   * key is taken over after it; longer than any request takes), and how long a completed answer is
   * replayed (after it the key is as good as new, and the row is purged).
   */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** An HTTP SMS gateway; unset, messages go to the development provider (a table and the log). */
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/, error: 'SMS_GATEWAY_URL 必须是 http(s) 地址' }).optional(),
  SMS_GATEWAY_KEY: z.string().min(8).optional(),
  /**
   * Start the server's clock at this instant and let it run (demos, training, tests of a given day),
   * e.g. 2026-12-29T09:00:00+08:00. Refused in production mode.
   */
  ZONGZHI_CLOCK: z.iso
    .datetime({ offset: true, error: 'ZONGZHI_CLOCK 必须是带时区的时间，如 2026-12-29T09:00:00+08:00' })
    .optional(),
  /** From this day (MM-DD) a missing next year's holiday arrangement is announced (docs/LEGAL.md §8.5). */
  CALENDAR_WARN_FROM: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'CALENDAR_WARN_FROM 必须是 MM-DD，如 11-01')
    .default('11-01'),
  /**
   * Bearer token Prometheus sends to /metrics. Unset: /metrics answers only on this machine (loopback);
   * anything else gets 404, as if there were no such page.
   */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN 至少 16 个字符').optional(),
  /**
   * An optional background map under the product's own outlines (off by default: the outlines work
   * without the internet). A tile URL template with {z}/{x}/{y} and optionally {s} (one of
   * MAP_TILE_SUBDOMAINS), in Web Mercator and WGS-84/CGCS2000 — 天地图's `vec_w` — never a GCJ-02
   * map, whose tiles sit 100–700 m off the outlines. MAP_TILE_LABEL_URL: its annotation layer (`cva_w`).
   */
  MAP_TILE_URL: tileTemplate('MAP_TILE_URL'),
  MAP_TILE_LABEL_URL: tileTemplate('MAP_TILE_LABEL_URL'),
  /** Appended to every tile request as `tk` (天地图's browser key, restricted to this site's domain). */
  MAP_TILE_KEY: z.string().min(8, 'MAP_TILE_KEY 至少 8 个字符').optional(),
  MAP_TILE_SUBDOMAINS: z
    .string()
    .regex(/^[a-z0-9]{1,10}$/, 'MAP_TILE_SUBDOMAINS 应为字符列表，如 01234567')
    .default('01234567'),
  /** How far back a clerk may date a petition's receipt (收到之日, docs/LEGAL.md §1.11): a typing guard. */
  RECEIPT_MAX_DAYS_BACK: z.coerce.number().int().min(1).max(365).default(90),
});

function tileTemplate(name: string) {
  return (
    z
      .string()
      // Not z.url(): a {s} in the host name is no URL until it is filled in.
      .regex(/^https:\/\/\S+$/, `${name} 必须是 https 地址模板`)
      .refine((v) => ['{z}', '{x}', '{y}'].every((t) => v.includes(t)), `${name} 必须含 {z}、{x}、{y}`)
      .optional()
  );
}

/** The optional background map (docs/DEPLOY.md): null when not configured. */
export interface MapTiles {
  url: string;
  labelUrl: string | null;
  key: string | null;
  subdomains: string;
  /** Every origin the tiles come from: what the Content-Security-Policy lets images load from. */
  origins: string[];
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Set: migrations run as this (owner) role and grant the application role (db/roles.ts). */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  pgliteDir: string;
  mode: 'demo' | 'production';
  demoPassword: string;
  /** Matters of generated history seeded on a demo install's first start (0: none). */
  demoHistory: number;
  session: { idleMinutes: number; absoluteHours: number; cookieName: string; cookieSecure: boolean };
  lockout: { threshold: number; minutes: number };
  twoFactor: { policy: 'required' | 'optional'; stepUpMinutes: number };
  trustProxy: boolean;
  logLevel: string;
  sealIntervalMs: number;
  checkpoints: { key: string; dir: string; url: string | null; intervalMs: number };
  loginRatePerMinute: number;
  publicRatePerMinute: number;
  piiHashKey: string;
  /** Keys by id (base64, 32 bytes) and the one that seals new values (server/src/pii/pii-cipher.ts). */
  piiEncryption: { currentKeyId: string; keys: Readonly<Record<string, string>> };
  filesDir: string;
  maxUploadBytes: number;
  sweepIntervalMs: number;
  /** How long a stopping server waits for a running sweep or job before it closes the database. */
  shutdownTimeoutMs: number;
  riskIntervalMs: number;
  court: {
    platformUrl: string | null;
    keyId: string;
    outboundSecret: string;
    inboundSecret: string;
    deliveryIntervalMs: number;
  };
  sms: { gatewayUrl: string | null; gatewayKey: string | null };
  idempotency: { leaseMs: number; retentionMs: number };
  /** Where the server's clock starts, when it is set (never in production); null: the real time. */
  clockStart: Date | null;
  calendarWarnFrom: string;
  metricsToken: string | null;
  /** A receipt date older than this many days is refused as a likely typing error. */
  receiptMaxDaysBack: number;
  mapTiles: MapTiles | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode = e.ZONGZHI_MODE ?? (e.NODE_ENV === 'production' ? 'production' : 'demo');
  const cookieSecure = e.COOKIE_SECURE ?? e.NODE_ENV === 'production';
  if (mode === 'production' && !e.PII_HASH_KEY) {
    throw new Error(
      '配置有误 (invalid configuration):\n  PII_HASH_KEY: 生产模式必须设置（至少 16 个字符的随机密钥）',
    );
  }
  if (mode === 'production' && !e.PII_ENCRYPTION_KEY) {
    throw new Error(
      '配置有误 (invalid configuration):\n  PII_ENCRYPTION_KEY: 生产模式必须设置（32 字节随机数的 base64，如 openssl rand -base64 32）',
    );
  }
  if (mode === 'production' && e.ZONGZHI_CLOCK) {
    // Legal deadlines, the event log and every notice carry the time: production runs on the real one.
    throw new Error('配置有误 (invalid configuration):\n  ZONGZHI_CLOCK: 生产模式不能设置模拟时钟');
  }
  if (mode === 'production' && !e.CHECKPOINT_KEY) {
    throw new Error(
      '配置有误 (invalid configuration):\n  CHECKPOINT_KEY: 生产模式必须设置（至少 16 个字符的随机密钥，不要存进数据库）',
    );
  }
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL) {
    throw new Error(
      '配置有误 (invalid configuration):\n  MIGRATION_DATABASE_URL: 只用于 PostgreSQL，必须同时设置 DATABASE_URL',
    );
  }
  if (e.MAP_TILE_LABEL_URL && !e.MAP_TILE_URL) {
    throw new Error(
      '配置有误 (invalid configuration):\n  MAP_TILE_LABEL_URL: 注记图层须与 MAP_TILE_URL 一起设置',
    );
  }
  if (e.SMS_GATEWAY_URL && !e.SMS_GATEWAY_KEY) {
    throw new Error('配置有误 (invalid configuration):\n  SMS_GATEWAY_KEY: 配置短信网关地址时必须设置密钥');
  }
  if (
    mode === 'production' &&
    e.COURT_PLATFORM_URL &&
    (!e.COURT_OUTBOUND_SECRET || !e.COURT_INBOUND_SECRET)
  ) {
    throw new Error(
      '配置有误 (invalid configuration):\n  COURT_OUTBOUND_SECRET / COURT_INBOUND_SECRET: 接入法院调解平台时必须设置（至少 16 个字符）',
    );
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    pgliteDir: path.resolve(e.DATA_DIR, 'pglite'),
    mode,
    demoPassword: e.DEMO_PASSWORD,
    demoHistory: e.ZONGZHI_DEMO_HISTORY,
    // __Host- cookies must be Secure; on plain http (the local demo) browsers would drop them.
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieName: cookieSecure ? '__Host-zz_session' : 'zz_session',
      cookieSecure,
    },
    lockout: { threshold: e.LOCKOUT_THRESHOLD, minutes: e.LOCKOUT_MINUTES },
    twoFactor: {
      policy: e.ZONGZHI_2FA ?? (mode === 'production' ? 'required' : 'optional'),
      stepUpMinutes: e.STEP_UP_MINUTES,
    },
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sealIntervalMs: e.SEAL_INTERVAL_MS,
    // The demo's key is public like its other keys; production brings its own (checked above).
    checkpoints: {
      key: e.CHECKPOINT_KEY ?? 'zongzhi-demo-checkpoint-key',
      dir: path.resolve(e.CHECKPOINT_DIR ?? path.join(e.DATA_DIR, 'checkpoints')),
      url: e.CHECKPOINT_URL ?? null,
      intervalMs: e.CHECKPOINT_INTERVAL_MS,
    },
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    publicRatePerMinute: e.PUBLIC_RATE_PER_MINUTE,
    // The demo's key is public; production must bring its own (checked above).
    piiHashKey: e.PII_HASH_KEY ?? 'zongzhi-demo-pii-hash-key',
    piiEncryption: piiEncryption(e),
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    riskIntervalMs: e.RISK_INTERVAL_MS,
    filesDir: path.resolve(e.DATA_DIR, 'files'),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    // The demo's keys are public, like its PII key; production brings its own (checked above).
    court: {
      platformUrl: e.COURT_PLATFORM_URL ?? null,
      keyId: e.COURT_KEY_ID,
      outboundSecret: e.COURT_OUTBOUND_SECRET ?? 'zongzhi-demo-court-outbound-key',
      inboundSecret: e.COURT_INBOUND_SECRET ?? 'zongzhi-demo-court-inbound-key',
      deliveryIntervalMs: e.COURT_DELIVERY_INTERVAL_MS,
    },
    sms: { gatewayUrl: e.SMS_GATEWAY_URL ?? null, gatewayKey: e.SMS_GATEWAY_KEY ?? null },
    idempotency: {
      leaseMs: e.IDEMPOTENCY_LEASE_SECONDS * 1000,
      retentionMs: e.IDEMPOTENCY_RETENTION_HOURS * 3_600_000,
    },
    clockStart: e.ZONGZHI_CLOCK ? new Date(e.ZONGZHI_CLOCK) : null,
    calendarWarnFrom: e.CALENDAR_WARN_FROM,
    metricsToken: e.METRICS_TOKEN ?? null,
    receiptMaxDaysBack: e.RECEIPT_MAX_DAYS_BACK,
    mapTiles: e.MAP_TILE_URL
      ? {
          url: e.MAP_TILE_URL,
          labelUrl: e.MAP_TILE_LABEL_URL ?? null,
          key: e.MAP_TILE_KEY ?? null,
          subdomains: e.MAP_TILE_SUBDOMAINS,
          origins: tileOrigins([e.MAP_TILE_URL, e.MAP_TILE_LABEL_URL], e.MAP_TILE_SUBDOMAINS),
        }
      : null,
  });
}

/** The origins of the templates, {s} expanded to each subdomain (t0…t7.tianditu.gov.cn). */
function tileOrigins(templates: (string | undefined)[], subdomains: string): string[] {
  const out = new Set<string>();
  for (const t of templates) {
    if (!t) continue;
    const hosts = t.includes('{s}') ? [...subdomains].map((s) => t.replaceAll('{s}', s)) : [t];
    for (const h of hosts) out.add(new URL(h.replace(/\{[a-z]+\}/gi, '0')).origin);
  }
  return [...out];
}

/** The demo's encryption key is public, like its hash key; production must bring its own (checked above). */
const DEMO_PII_KEY = Buffer.alloc(32, 'zongzhi-demo-pii-encryption-key!').toString('base64');

function piiEncryption(e: z.infer<typeof envSchema>): Config['piiEncryption'] {
  const keys: Record<string, string> = {};
  for (const pair of e.PII_PREVIOUS_KEYS?.split(',') ?? []) {
    const at = pair.indexOf('=');
    const key = pair.slice(at + 1);
    if (Buffer.from(key, 'base64').length !== 32) {
      throw new Error(
        `配置有误 (invalid configuration):\n  PII_PREVIOUS_KEYS: 密钥 ${pair.slice(0, at)} 不是 32 字节`,
      );
    }
    keys[pair.slice(0, at)] = key;
  }
  if (!e.PII_ENCRYPTION_KEY) return { currentKeyId: 'demo', keys: { ...keys, demo: DEMO_PII_KEY } };
  keys[e.PII_ENCRYPTION_KEY_ID] = e.PII_ENCRYPTION_KEY;
  return { currentKeyId: e.PII_ENCRYPTION_KEY_ID, keys };
}

/** A config for tests and scripts that must not depend on the caller's environment. */
export function testConfig(overrides: Partial<Config> = {}): Readonly<Config> {
  return Object.freeze({
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      LOGIN_RATE_PER_MINUTE: '100000',
      PUBLIC_RATE_PER_MINUTE: '100000',
      // Never the repository's ./data: a test's checkpoints are its own (written only when it publishes).
      CHECKPOINT_DIR: path.join(os.tmpdir(), `zz-checkpoints-${process.pid}-${testConfigs++}`),
    }),
    ...overrides,
  });
}

let testConfigs = 0;
