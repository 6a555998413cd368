/**
 * The process's one logger: main.ts, Fastify (its loggerInstance), the jobs' failures and the
 * development SMS provider all write JSON lines through it, with the redaction of log-redaction.ts.
 * Created at the first call, at the configured level; `silent` (tests) writes nothing.
 */
import pino, { type Logger } from 'pino';
import { loggerOptions } from './plugins/log-redaction';

let shared: Logger | null = null;

export function processLogger(level: string): Logger {
  shared ??= pino(loggerOptions(level));
  return shared;
}
