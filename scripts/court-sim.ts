/**
 * `npm run court-sim`: the court mediation platform simulator as its own process (docs/COURT-API.md).
 *   --port 4010  --dir ./data/court-sim  --target http://127.0.0.1:3000
 *   --ack-delay-ms 0  --auto-rule-ms 3000|off  --auto-register-ms 3000|off
 * Keys: COURT_KEY_ID, COURT_OUTBOUND_SECRET (Zongzhi's, to verify) and COURT_INBOUND_SECRET (the
 * court's, to sign); the demo defaults match the server's demo defaults.
 */
import { loadConfig } from '../server/src/config';
import { arg } from './cli';
import { startSimulator } from './court-sim/simulator';

const ms = (name: string, fallback: number | null) => {
  const v = arg(name);
  if (v === undefined) return fallback;
  return v === 'off' ? null : Number(v);
};

const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
const port = Number(arg('port') ?? process.env.COURT_SIM_PORT ?? 4010);
const sim = await startSimulator({
  port,
  dir: arg('dir') ?? process.env.COURT_SIM_DIR ?? './data/court-sim',
  target: arg('target') ?? process.env.COURT_SIM_TARGET ?? 'http://127.0.0.1:3000',
  keyId: config.court.keyId,
  verifySecret: config.court.outboundSecret,
  signSecret: config.court.inboundSecret,
  ackDelayMs: ms('ack-delay-ms', 0) ?? 0,
  autoRuleMs: ms('auto-rule-ms', 3000),
  autoRegisterMs: ms('auto-register-ms', 3000),
  log: (m) => console.log(`[court-sim] ${m}`),
});
console.log(
  `court-sim listening on http://127.0.0.1:${port} (${sim.journal.received.size} messages on record)`,
);
