/**
 * Documents agree with the law and with the clock (issue: documents that agree): each notice cites
 * the rule that set the deadline it states — read back from the deadline row itself, never a fixed
 * article — a dispute is accepted under the 人民调解法, not the 信访工作条例; a local limit shows its
 * configured name, never 本地规定（待定）; and a transfer notice names the receiving centre, never
 * the clerk's internal reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentCitation } from '../../../../core/domain/time-limits';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let clerk: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t?.close());

interface Deadline {
  basis: string;
  label: string;
  citation: string;
  dueAt: string | null;
}
interface Notice {
  id: string;
  kind: string;
}

async function noticeLines(matterId: string, kind: string): Promise<string> {
  const m = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}` })).json();
  const n = (m.notices as Notice[]).find((x) => x.kind === kind);
  if (!n) throw new Error(`no ${kind} notice`);
  const res = await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/notices/${n.id}` });
  return (res.json().lines as string[]).join('\n');
}

const handlingOf = (m: { deadlines: Deadline[] }) =>
  m.deadlines.find((d) => /^(XF-34|LOCAL-(VILLAGE|TOWN|DISTRICT|SAME-DAY))$/.test(d.basis) && d.dueAt)!;

describe('the legal citation of every notice', () => {
  it('受理告知书 of a dispute cites the 人民调解法 and the rule of its handling clock, in its configured name', async () => {
    let m = (await register(clerk, disputeBody(villageId))).matter;
    m = await act(clerk, m.id, { action: 'accept' });
    const rule = handlingOf(m);
    expect(rule).toBeTruthy();
    const text = await noticeLines(m.id, 'acceptance');
    expect(text).toContain('《人民调解法》');
    expect(text).not.toContain('信访工作条例');
    expect(text).toContain(`办理期限依据：${residentCitation(rule)}`);
    expect(rule.citation).toContain('待定');
    expect(text).not.toContain('待定');
  });

  it('受理告知书 of an urgent matter states its same-day due date (事不过夜), from the one list of handling clocks', async () => {
    // actions.service once kept its own list of handling clocks without LOCAL-SAME-DAY: the notice
    // then fell back to "在规定期限内" while the resident's SMS named the date.
    let m = (await register(clerk, { ...disputeBody(villageId), urgent: true })).matter;
    m = await act(clerk, m.id, { action: 'accept' });
    const rule = handlingOf(m);
    expect(rule.basis).toBe('LOCAL-SAME-DAY');
    const text = await noticeLines(m.id, 'acceptance');
    expect(text).toMatch(/本单位将在\d{4}年\d{1,2}月\d{1,2}日前办结/);
    expect(text).not.toContain('在规定期限内办结');
    expect(text).toContain(`办理期限依据：${residentCitation(rule)}`);
  });

  it('受理告知书 of a petition cites 信访工作条例 art. 23 and the rule of its handling clock', async () => {
    let m = (
      await register(clerk, {
        ...disputeBody(villageId),
        kind: 'petition',
        categoryCode: 'PET-03',
        title: '反映村道硬化质量问题',
      })
    ).matter;
    m = await act(clerk, m.id, { action: 'accept' });
    const rule = handlingOf(m);
    const text = await noticeLines(m.id, 'acceptance');
    expect(text).toContain('《信访工作条例》第二十三条');
    expect(text).toContain(`办理期限依据：${residentCitation(rule)}`);
    expect(rule.citation).toContain('信访工作条例');
  });

  it('转送告知书 names the receiving centre and its contact, never the internal reason', async () => {
    let m = (await register(clerk, disputeBody(villageId))).matter;
    m = await act(clerk, m.id, { action: 'accept' });
    const town = await orgByDivision(t, '620602001');
    const admin = await t.login('admin');
    const contact = await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${town.id}`,
      payload: { contact: '0935-2211000（工作日 8:30–18:00）' },
    });
    expect(contact.statusCode, contact.body).toBe(200);
    await act(clerk, m.id, {
      action: 'transfer',
      transferKind: 'escalate_up',
      toOrgId: town.id,
      reason: '内部：本村调委会主任与当事人有亲属关系',
    });
    const text = await noticeLines(m.id, 'transfer');
    expect(text).toContain(town.centerName ?? town.name);
    expect(text).toContain('联系方式：0935-2211000（工作日 8:30–18:00）');
    expect(text).not.toContain('亲属关系');
  });
});
