/**
 * `npm start`: migrate, seed the demo county on a demo install's first start, serve the API and the
 * built web app. The only place that reads the real clock and process.env (through config.ts).
 */

import { buildApp } from './app';
import { boot } from './bootstrap';
import { loadConfig } from './config';
import { runningClockFrom, systemClock } from './context';
import { processLogger } from './logger';
import { generateMatters } from './modules/demo/generator/generate.service';
import { countUsers } from './modules/users/users.repo';
import { piiCipher } from './pii/pii-cipher';

const config = loadConfig();
// Every line through pino (JSON, redacted: docs/SECURITY.md G6), job failures with their stack.
const logger = processLogger(config.logLevel);
const log = (m: string) => logger.info(m);
const logError = (msg: string, err: unknown) => logger.error({ err }, msg);
const started = Date.now();
const clock = config.clockStart ? runningClockFrom(config.clockStart) : systemClock;
if (config.clockStart) {
  log(
    `simulated clock (ZONGZHI_CLOCK): the server's time starts at ${config.clockStart.toISOString()} and runs from there; deadlines, events and notices carry that time. Never in production.`,
  );
}
const booted = await boot(config, { log, logError, sweep: true, clock });
const { deps } = booted;

if (deps.database.kind === 'pglite') {
  log(`database: PGlite (embedded) in ${config.pgliteDir}`);
  log(
    'PGlite runs in this process, single-user: right for a demo or one office, not for production. Set DATABASE_URL=postgres://… for PostgreSQL (docs/DEPLOY.md).',
  );
} else {
  log('database: PostgreSQL (DATABASE_URL)');
  if (config.mode === 'demo') {
    // A PostgreSQL server is where real data goes: demo accounts with a published password must not
    // end up there unnoticed. Production mode (NODE_ENV=production or ZONGZHI_MODE=production) never seeds.
    log(
      `警告 WARNING: demo mode on PostgreSQL — an empty database gets the demo county and demo accounts whose password (${config.demoPassword}) is public. For real use set NODE_ENV=production (docs/DEPLOY.md).`,
    );
  }
}

log(
  `event chain checkpoints: signed every ${Math.round(config.checkpoints.intervalMs / 1000)} s into ${config.checkpoints.dir}${config.checkpoints.url ? ' and sent to CHECKPOINT_URL' : ''}; keep them out of the database's reach (docs/DEPLOY.md)`,
);

if (booted.seeded) {
  const rows = booted.seeded.accounts.map(
    (a) => `  ${a.username.padEnd(18)} ${a.role.padEnd(12)} ${a.displayName}${a.org ? ` · ${a.org}` : ''}`,
  );
  log(
    `demo accounts (password for all: ${config.demoPassword}):\n${rows.slice(0, 16).join('\n')}\n  … and ${Math.max(0, rows.length - 16)} more town accounts (town01-leader, town01-clerk, town01-gw1 … town50-gw2)`,
  );
}
// A year of history on a demo install's first start, through the same generator as `npm run
// generate`: a newcomer sees the dashboard, the wall and the map as a county would. `--empty` skips it.
if (booted.seeded && config.demoHistory > 0 && !process.argv.includes('--empty')) {
  log(
    `demo history: generating ${config.demoHistory} matters over the past two years (npm start -- --empty skips this)…`,
  );
  const out = await generateMatters(
    deps,
    { requestId: 'demo-history', ip: null, actor: null },
    {
      countyCode: booted.seeded.countyCode,
      matters: config.demoHistory,
      // Two years, so the dashboard's year-on-year figures compare a year with a year, not with nothing.
      years: 2,
      anomalies: false,
      seed: 20260302,
      asOf: clock.now(),
      piiKey: config.piiHashKey,
      cipher: piiCipher(config),
    },
  );
  log(`demo history: ${out.matters} matters, ${out.rows} rows in ${out.seconds.toFixed(1)} s`);
}
if (config.mode === 'production' && (await countUsers(deps.database.db)) === 0) {
  log(
    'production mode and no accounts yet: create the first administrator with `npm run create-admin` (no default credentials exist).',
  );
}

const app = await buildApp(deps, {
  serveWeb: true,
  // Query strings and SQL parameters never reach the log (docs/SECURITY.md G6).
  loggerInstance: logger,
});
await app.listen({ port: config.port, host: config.host });
log(`listening on http://localhost:${config.port} (started in ${Date.now() - started} ms)`);

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    if (closing) return;
    closing = true;
    log(`${sig}: closing (waiting up to ${config.shutdownTimeoutMs} ms for running jobs)`);
    await app.close();
    await booted.close();
    logger.flush();
    process.exit(0);
  });
}
