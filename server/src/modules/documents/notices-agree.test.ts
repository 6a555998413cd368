/**
 * The 一次性告知单 served at intake and the 受理告知书 served at acceptance promise the same thing on the
 * same date (docs/LEGAL.md §11.7): for a dispute (or any matter but a petition) the end of handling,
 * counted on the handling clock's own rule; for a petition the acceptance decision (信访工作条例 art.
 * 23), which the 受理告知书 itself is, served within that date, and the 60 days (art. 34) it then
 * promises. Rendered at the real date's end of year, so the dates fall in 2027, whose holidays are not
 * published yet: both documents say the date is provisional, alike.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const rows = async (q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

/** The date a notice promises ("将在2027年1月4日前…") and whether it says it is provisional. */
function promised(lines: string[]) {
  const line = lines.find((l) => /将在\d{4}年\d{1,2}月\d{1,2}日前/.test(l));
  if (!line) throw new Error(`no promised date in ${lines.join('\n')}`);
  return { date: /将在(\d{4}年\d{1,2}月\d{1,2}日)前/.exec(line)![1], provisional: line.includes('暂定') };
}

const zhDay = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

async function intakeAndAccept(at: string, body: Record<string, unknown>) {
  t.clock.set(at);
  const clerk = await t.login('village-clerk');
  const res = await clerk.request({ method: 'POST', url: '/api/matters', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().matter.id as string;
  await act(clerk, id, { action: 'accept' });
  const notices = await rows(sql`select kind, body from matter_notices where matter_id = ${id}`);
  const lines = (kind: string) => (notices.find((n) => n.kind === kind)!.body as { lines: string[] }).lines;
  const deadlines = await rows(
    sql`select basis, due_at from deadlines where matter_id = ${id} order by started_at`,
  );
  const dueOf = (basis: string) =>
    zhDay(String((deadlines.find((d) => d.basis === basis) as { due_at: unknown }).due_at));
  return { oneTime: lines('one_time_notice'), acceptance: lines('acceptance'), dueOf };
}

describe('the 一次性告知单 and the 受理告知书 of one matter', () => {
  for (const [label, at] of [
    ['in 2026', '2026-06-10T02:00:00.000Z'],
    ['running into provisional 2027', '2026-12-28T02:00:00.000Z'],
  ] as const) {
    it(`promise a dispute's end of handling on the same date, on its handling clock (${label})`, async () => {
      const village = await orgByDivision(t, '620602001001');
      const n = await intakeAndAccept(at, { ...disputeBody(village.id), serviceCode: 'SVC-03' });
      const a = promised(n.oneTime);
      const b = promised(n.acceptance);
      expect(a).toEqual(b);
      expect(b.date).toBe(n.dueOf('LOCAL-VILLAGE'));
      expect(b.provisional).toBe(label.includes('2027'));
    });
  }

  it('promise a petition its acceptance decision, served within that date, and then its 60 days', async () => {
    const village = await orgByDivision(t, '620602001001');
    const n = await intakeAndAccept('2026-12-28T02:00:00.000Z', {
      ...disputeBody(village.id),
      kind: 'petition',
      categoryCode: 'PET-03',
      serviceCode: 'SVC-01',
    });
    const decision = promised(n.oneTime);
    expect(decision.date).toBe(n.dueOf('XF-23-notice'));
    expect(decision.provisional).toBe(true);
    expect(n.oneTime.join('\n')).toContain('书面告知是否受理');
    // Served on 2026-12-28, before the date promised for it.
    expect(n.acceptance.join('\n')).toContain('已于2026年12月28日受理');
    const handling = promised(n.acceptance);
    expect(handling.date).toBe(n.dueOf('XF-34'));
    expect(handling.provisional).toBe(true);
  });
});
