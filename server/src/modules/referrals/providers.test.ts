/**
 * Providers per service: the county's designation decides which org is offered and accepted for a
 * service, not the org's kind alone — the counselling center is a service center like the legal-aid
 * center, yet is refused for legal aid. The administrator changes the designation as a new version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision, orgByName } from '../../../test/factories';
import { disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let clerk: Session;
let admin: Session;
let matterId: string;
let legalAidCenter: string;
let counselling: string;

const referTo = (providerOrgId: string) =>
  clerk.request({
    method: 'POST',
    url: `/api/matters/${matterId}/referrals`,
    payload: {
      kind: 'legal_aid',
      providerOrgId,
      eligibilityBasis: 'low_income',
      reason: '申请人无力聘请律师',
    },
  });
const offered = async (kind: string) =>
  (
    (await clerk.request({ method: 'GET', url: `/api/referrals/providers?kind=${kind}` })).json().items as {
      id: string;
    }[]
  ).map((o) => o.id);

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('town01-clerk');
  admin = await t.login('admin');
  matterId = (await register(clerk, disputeBody((await orgByDivision(t, '620602001001')).id))).matter.id;
  legalAidCenter = (await orgByName(t, '凉州区法律援助中心')).id;
  counselling = (await orgByName(t, '凉州区社会心理服务中心')).id;
});
afterAll(async () => t?.close());

describe('the providers designated per service', () => {
  it('defaults by the orgs’ names: legal aid is the legal-aid center, counselling the counselling center', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/config/referral-providers' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 0, isDefault: true });
    expect(res.json().providers.legal_aid).toEqual([legalAidCenter]);
    expect(res.json().providers.counselling).toEqual([counselling]);
    expect(await offered('legal_aid')).toEqual([legalAidCenter]);
    expect(await offered('counselling')).toEqual([counselling]);
  });

  it('refuses the counselling center for legal aid (400, in Chinese)', async () => {
    const res = await referTo(counselling);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('请选择本县提供法律援助的服务机构。');
    expect(res.json().details.fields.providerOrgId).toBe('该单位不提供此项服务。');
    expect((await referTo(legalAidCenter)).statusCode).toBe(200);
  });

  it('refuses a designation of an org of the wrong kind, then follows a saved one', async () => {
    const current = (await admin.request({ method: 'GET', url: '/api/config/referral-providers' })).json();
    const bureau = (await orgByName(t, '凉州区司法局')).id;
    const wrong = await admin.request({
      method: 'PUT',
      url: '/api/config/referral-providers',
      payload: { baseVersion: 0, providers: { ...current.providers, legal_aid: [bureau] } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('不能提供此项服务');
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/config/referral-providers',
      payload: {
        baseVersion: 0,
        providers: { ...current.providers, legal_aid: [legalAidCenter, counselling] },
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, isDefault: false });
    expect(await offered('legal_aid')).toEqual(expect.arrayContaining([legalAidCenter, counselling]));
    expect((await referTo(counselling)).statusCode).toBe(200);
    const stale = await admin.request({
      method: 'PUT',
      url: '/api/config/referral-providers',
      payload: { baseVersion: 0, providers: current.providers },
    });
    expect(stale.statusCode).toBe(409);
  });
});
