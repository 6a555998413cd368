/**
 * On PostgreSQL, a test database refuses a query sent on a connection while another one still runs on
 * it. pg queues such a query today with a DeprecationWarning (pg 9 will refuse it), which is how two
 * queries at once inside one transaction (a Promise.all over `tx`) showed up only as a line in the
 * e2e server log; here the test that makes them fails, naming both statements. Queries through the
 * pool itself never overlap on a connection (each takes its own), so only such code is refused.
 */
import type pg from 'pg';
import type { Database } from '../src/db/client';

type Query = (...args: unknown[]) => unknown;

const textOf = (q: unknown) =>
  String(typeof q === 'string' ? q : ((q as { text?: string } | null)?.text ?? '')).slice(0, 200);

export function refuseOverlappingQueries(database: Database): void {
  if (database.kind !== 'postgres') return;
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    let running: string | null = null;
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const text = textOf(args[0]);
      if (running !== null) {
        throw new Error(
          `two queries at once on one connection (a Promise.all inside a transaction?):\n  running: ${running}\n  sent:    ${text}`,
        );
      }
      running = text;
      const done = () => {
        running = null;
      };
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        // The callback form (pg-pool's own pool.query): done before the caller hears of it.
        args[args.length - 1] = (...res: unknown[]) => {
          done();
          return (last as (...r: unknown[]) => unknown)(...res);
        };
        try {
          return query(...args);
        } catch (e) {
          done();
          throw e;
        }
      }
      let out: Promise<unknown>;
      try {
        out = query(...args) as Promise<unknown>;
      } catch (e) {
        done();
        throw e;
      }
      return out.then(
        (r) => {
          done();
          return r;
        },
        (e) => {
          done();
          throw e;
        },
      );
    };
  });
}
