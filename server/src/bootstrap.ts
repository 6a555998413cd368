/**
 * Opens the database, applies migrations and, on a demo install's first start, seeds the demo
 * county. Shared by main.ts, the scripts and the browser tests so they all start the same way.
 */
import { mkdirSync } from 'node:fs';
import type { Config } from './config';
import { type Clock, type Deps, systemClock } from './context';
import { type Database, openDatabase } from './db/client';
import { migrate } from './db/migrate';
import { migrateAsOwner } from './db/roles';
import { startCheckpointPublisher } from './jobs/checkpoint-publisher';
import { startCourtOutbox } from './jobs/court-outbox';
import { startDeadlineSweep } from './jobs/deadline-sweep';
import { type Sealer, startSealer } from './jobs/event-sealer';
import { IDEMPOTENCY_PURGE_INTERVAL_MS, startIdempotencyPurge } from './jobs/idempotency-purge';
import { startNotificationSweep } from './jobs/notification-sweep';
import { settlesWithin } from './jobs/periodic';
import { startRiskRules } from './jobs/risk-rules';
import { wireMatterConsumers } from './matter-consumers';
import { resealUserSecrets } from './modules/auth/user-reseal.service';
import * as countiesRepo from './modules/counties/counties.repo';
import { httpCourtSender } from './modules/court/court-client';
import { loadDemoInput } from './modules/demo/demo-data';
import { type DemoOutcome, seedDemo } from './modules/demo/demo-seed.service';
import { publishCheckpoints } from './modules/events/checkpoints';
import { resealParties } from './modules/matters/pii-reseal.service';
import { resealRecipientPhones } from './modules/notifications/notifications.service';

export interface Booted {
  deps: Deps;
  database: Database;
  sealer: Sealer;
  seeded: DemoOutcome | null;
  close(): Promise<void>;
}

export async function boot(
  config: Readonly<Config>,
  opts: {
    clock?: Clock;
    inMemory?: boolean;
    log?: (msg: string) => void;
    /** An error with its stack (a failed job run): the server's logger; else the message through `log`. */
    logError?: (msg: string, err: unknown) => void;
    onSealError?: (e: unknown) => void;
    /** Run the deadline sweep on a timer (the server does; scripts do not). */
    sweep?: boolean;
  } = {},
): Promise<Booted> {
  const log = opts.log ?? (() => {});
  const logError =
    opts.logError ??
    ((msg: string, e: unknown) => log(`${msg}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  const clock = opts.clock ?? systemClock;
  if (!config.databaseUrl && !opts.inMemory) mkdirSync(config.pgliteDir, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: opts.inMemory ? undefined : config.pgliteDir,
    // A connection dropped by the server (restart, failover) must not take the process down.
    onIdleError: (e) => logError('idle PostgreSQL connection lost', e),
  });
  try {
    if (config.migrationDatabaseUrl) await migrateAsOwner(config.migrationDatabaseUrl, database);
    else await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  // Identity stored before encryption, or under a key being rotated out, is sealed anew before any request.
  const resealed = await resealParties({ database, config });
  if (resealed) log(`identity of ${resealed} parties sealed under key ${config.piiEncryption.currentKeyId}`);
  const phones = await resealRecipientPhones({ database, config });
  if (phones) log(`${phones} SMS recipients' phones sealed under key ${config.piiEncryption.currentKeyId}`);
  const secrets = await resealUserSecrets({ database, config });
  if (secrets) {
    log(
      `${secrets} users' authenticator secrets and phones sealed under key ${config.piiEncryption.currentKeyId}`,
    );
  }
  const sealer = startSealer(database, clock, {
    intervalMs: config.sealIntervalMs,
    onError: opts.onSealError ?? ((e) => logError('event sealer failed', e)),
  });
  // The sweep and the demo seed move matters before (and beside) buildApp: the same consumers.
  const deps: Deps = wireMatterConsumers({ database, clock, config, kickSealer: () => sealer.kick() });
  let seeded: DemoOutcome | null = null;
  if (config.mode === 'demo' && (await countiesRepo.all(database.db)).length === 0) {
    const t = Date.now();
    seeded = await seedDemo(deps, loadDemoInput());
    log(
      `demo county ${seeded.countyCode} seeded in ${Date.now() - t} ms: ${seeded.orgs} orgs, ${seeded.grids} grids`,
    );
  }
  const sweep = opts.sweep
    ? startDeadlineSweep(deps, {
        intervalMs: config.sweepIntervalMs,
        onError: (e: unknown) => logError('deadline sweep failed', e),
      })
    : null;
  const risk = opts.sweep
    ? startRiskRules(deps, {
        intervalMs: config.riskIntervalMs,
        onError: (e: unknown) => logError('risk rules failed', e),
      })
    : null;
  // The court outbox runs with the sweep (in the server), so scripts never send anything.
  const court = opts.sweep
    ? startCourtOutbox(deps, httpCourtSender(config.court), {
        intervalMs: config.court.deliveryIntervalMs,
        onError: (e: unknown) => logError('court delivery failed', e),
      })
    : null;
  if (court) deps.kickCourt = court.kick;
  // Invitations wait in the outbox for seconds, not the deadline sweep's minute.
  const outbox = opts.sweep
    ? startNotificationSweep(deps, {
        intervalMs: Math.min(config.sweepIntervalMs, 5000),
        onError: (e: unknown) => logError('notification sweep failed', e),
      })
    : null;
  const idempotencyPurge = opts.sweep
    ? startIdempotencyPurge(deps, {
        intervalMs: IDEMPOTENCY_PURGE_INTERVAL_MS,
        onError: (e: unknown) => logError('idempotency key purge failed', e),
      })
    : null;
  const checkpoints = opts.sweep
    ? startCheckpointPublisher(deps, {
        intervalMs: config.checkpoints.intervalMs,
        onError: (e: unknown) => logError('checkpoint publishing failed', e),
      })
    : null;
  return {
    deps,
    database,
    sealer,
    seeded,
    async close() {
      // Jobs finish their run (a sweep half done would leave its rollups behind), the sealer seals
      // what is ready, then the database closes; a job stuck past SHUTDOWN_TIMEOUT_MS is cut off.
      const settled = await settlesWithin(
        Promise.all([
          sweep?.stop(),
          risk?.stop(),
          court?.stop(),
          outbox?.stop(),
          idempotencyPurge?.stop(),
          checkpoints?.stop(),
        ]).then(() => sealer.stop()),
        config.shutdownTimeoutMs,
      );
      if (!settled) {
        logError(
          'shutdown deadline',
          new Error(
            `jobs still running after SHUTDOWN_TIMEOUT_MS=${config.shutdownTimeoutMs}: closing the database under them`,
          ),
        );
      }
      if (checkpoints) {
        // The last head, sealed just now, is signed before the server goes.
        await publishCheckpoints(database, clock, config.checkpoints).catch((e: unknown) =>
          logError('checkpoint publishing failed', e),
        );
      }
      await database.close();
    },
  };
}
