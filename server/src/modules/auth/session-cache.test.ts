/**
 * Sessions come from a stamped cache (auth.service.ts, migration 0033). Whatever ends or narrows a
 * session must still be seen on the very next request, however it was written: through the API, or
 * straight in SQL as another server instance's write would arrive (nothing in this process hears of
 * it but the stamp). Each case warms the cache with a request first.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t?.close());

const me = (s: Session) => s.request({ method: 'GET', url: '/api/auth/me' });

async function freshClerk(): Promise<{ id: string; session: Session }> {
  const u = await buildUser(t, await orgByDivision(t, '620602001001'), ['clerk']);
  const session = await t.login(u.username);
  // Twice: the second answer comes from the cache.
  expect((await me(session)).statusCode).toBe(200);
  expect((await me(session)).statusCode).toBe(200);
  return { id: u.id, session };
}

describe('the session cache', () => {
  it('sees a session revoked by another instance on the next request', async () => {
    const { session } = await freshClerk();
    await t.database.db.execute(
      sql`update sessions set revoked_at = now() where user_id = ${session.userId} and revoked_at is null`,
    );
    expect((await me(session)).statusCode).toBe(401);
  });

  it('sees a logout on the next request', async () => {
    const { session } = await freshClerk();
    expect((await session.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBeLessThan(300);
    expect((await me(session)).statusCode).toBe(401);
  });

  it('sees an account disabled in the database on the next request, and ends its sessions', async () => {
    const { id, session } = await freshClerk();
    await t.database.db.execute(sql`update users set disabled = true where id = ${id}`);
    const res = await me(session);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
    const [row] = (
      (await t.database.db.execute(
        sql`select count(*)::int as open from sessions where user_id = ${id} and revoked_at is null`,
      )) as unknown as { rows: { open: number }[] }
    ).rows;
    expect(row?.open).toBe(0);
  });

  it('sees a role taken away on the next request', async () => {
    const { id, session } = await freshClerk();
    expect((await me(session)).json().user.roles).toEqual(['clerk']);
    await t.database.db.execute(sql`update user_roles set role = 'handler' where user_id = ${id}`);
    expect((await me(session)).json().user.roles).toEqual(['handler']);
  });

  it('sees a password changed elsewhere on the next request', async () => {
    const { id, session } = await freshClerk();
    await t.database.db.execute(
      sql`update users set password_changed_at = now() + interval '1 second' where id = ${id}`,
    );
    expect((await me(session)).statusCode).toBe(401);
  });

  it('keeps the session alive past the idle limit only while it is used', async () => {
    const { session } = await freshClerk();
    // Used every 10 minutes for an hour: each request is within the idle limit of the one before.
    for (let i = 0; i < 6; i++) {
      t.clock.advanceMinutes(10);
      expect((await me(session)).statusCode, `after ${(i + 1) * 10} min`).toBe(200);
    }
    // Then left alone past the limit: ended, although the cached row was fresh when cached.
    t.clock.advanceMinutes(t.deps.config.session.idleMinutes + 1);
    const res = await me(session);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });
});
