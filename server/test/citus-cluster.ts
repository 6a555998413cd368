/**
 * Test databases on a Citus cluster (`npm run test:citus`). A distributed database lives on every node
 * under one name: the coordinator holds the metadata and the reference tables, the worker the shards.
 * So a copy for a test file is a `CREATE DATABASE … TEMPLATE` on every node, worker first; the
 * template takes no connections (Citus's maintenance daemon would otherwise hold one and block the
 * copy), and each node's copy carries the same shard names and metadata, so the copies form a
 * cluster of their own.
 */
import pg from 'pg';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function on<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The worker nodes of the cluster whose coordinator is at `coordinatorUrl`, as URLs of its database. */
export async function workerUrls(coordinatorUrl: string): Promise<string[]> {
  const r = await on(coordinatorUrl, (c) =>
    c.query<{ nodename: string; nodeport: number }>(
      `select nodename, nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeid`,
    ),
  );
  return r.rows.map((n) => {
    const u = new URL(coordinatorUrl);
    u.hostname = n.nodename;
    u.port = String(n.nodeport);
    return u.toString();
  });
}

/** Creates an empty database with Citus on every node, its workers registered with its coordinator. */
export async function createClusterDatabase(coordinatorUrl: string, workers: string[], name: string) {
  for (const url of [...workers, coordinatorUrl]) {
    await on(url, async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
    await on(withDatabase(url, name), (c) => c.query('create extension citus'));
  }
  const coord = new URL(coordinatorUrl);
  await on(withDatabase(coordinatorUrl, name), async (c) => {
    await c.query('select citus_set_coordinator_host($1, $2)', [coord.hostname, Number(coord.port || 5432)]);
    for (const w of workers) {
      const u = new URL(w);
      await c.query('select citus_add_node($1, $2)', [u.hostname, Number(u.port || 5432)]);
    }
  });
}

/** Freezes `template` on every node so that copies of it can be made. */
export async function freezeTemplate(urls: string[], template: string) {
  for (const url of urls) {
    await on(url, async (c) => {
      await c.query(`alter database ${template} allow_connections false`);
      await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [template]);
    });
  }
}

/** Copies `template` to `name` on every node (workers first, coordinator last). */
export async function copyDatabase(urls: string[], template: string, name: string) {
  for (const url of urls) {
    await on(url, async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      // The maintenance daemon of a frozen template may still be on its way out: try again briefly.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`create database ${name} template ${template}`);
          break;
        } catch (e) {
          if (attempt >= 20 || (e as { code?: string }).code !== '55006') throw e;
          await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
            template,
          ]);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
  }
}

export async function dropDatabase(urls: string[], name: string) {
  for (const url of [...urls].reverse()) {
    await on(url, async (c) => {
      // FORCE ends the sessions there now; Citus's maintenance daemon may connect again in between.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name} with (force)`);
          return;
        } catch (e) {
          if (attempt >= 20 || (e as { code?: string }).code !== '55006') throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
  }
}

/**
 * The guard of issue 18: on the test database, a statement that runs on more than one shard (one that
 * does not fix its county) is an error, except inside `acrossCounties` (server/src/db/across-counties.ts)
 * which lifts it for its transaction. TEST_CITUS_MULTI_SHARD=warning turns the error into a warning
 * in the coordinator's log, to survey the statements left rather than stop at the first.
 */
export async function guardCounties(coordinatorUrl: string, name: string) {
  const level = process.env.TEST_CITUS_MULTI_SHARD ?? 'error';
  if (!/^(error|warning|log|off)$/.test(level)) throw new Error(`TEST_CITUS_MULTI_SHARD: ${level}`);
  await on(coordinatorUrl, (c) =>
    c.query(`alter database ${name} set citus.multi_task_query_log_level = '${level}'`),
  );
}

/** The same database with the guard lifted for every statement of the connection (the tests' own). */
export function unguarded(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', '-c citus.multi_task_query_log_level=off');
  return u.toString();
}
