/**
 * The action dialog's fields (fieldsOf) and the body they become (toBody), for every action of the
 * lifecycle table: what a staff member fills in reaches the server in the contract's shape, and a
 * field the dialog does not show for an action is never sent with it.
 */
import { describe, expect, it } from 'vitest';
import { actionBodySchema } from '../../../../core/contracts/matters';
import { matterActions } from '../../../../core/domain/matters/commands';
import { type AllowedAction, fieldsOf, toBody, type Values } from './action-fields';

const uuid = '0b7e7d4e-8b1c-4c55-9a57-3f4f3c7e2a11';
/** What a person would have filled in, every field at once; toBody must pick per action. */
const filled: Values = {
  reason: '  当事人已当面确认  ',
  route: 'litigation',
  intoCode: ' LZ-2026-000001 ',
  toKind: 'dispute',
  transferKind: 'to_department',
  toOrgId: uuid,
  upheld: true,
  orgId: uuid,
  days: 30,
  outcome: 'support',
  legalBasis: ' 《人民调解法》第二十八条 ',
  initiative: 'application',
  consentRenewed: true,
  mediatorId: ' m-01 ',
  chosenBy: 'parties',
  conflictOfInterest: false,
  allPartiesConsent: true,
  form: 'written',
  terminationReason: 'party_refuses_to_continue',
  rating: 'unsatisfied',
  substantive: true,
  channel: 'phone',
  matterResolved: 'partly',
  heartResolved: false,
  withdrawalChannel: 'letter',
  evidence: ' 本人签字的撤回申请 ',
  archiveNo: ' 2026-档-0012 ',
  sessionAt: '2026-12-07T09:30',
  sessionMode: 'in_person',
  sessionPlace: '新华村调解室',
  sessionParticipants: '王小明\n李四',
  sessionConsent: true,
  sessionFacts: '双方同意分摊维修费',
};
const allow = (action: (typeof matterActions)[number]): AllowedAction =>
  ({ action, label: action, needsReason: false }) as AllowedAction;

describe('action dialog fields → request body', () => {
  it.each([...matterActions])('%s: the body fits the contract and carries the version', (action) => {
    const body = toBody(allow(action), 7, filled);
    const parsed = actionBodySchema.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body).toMatchObject({ action, expectedVersion: 7, reason: '当事人已当面确认' });
  });

  it('sends only what the action’s dialog shows', () => {
    const accept = toBody(allow('accept'), 1, filled);
    expect(accept).not.toHaveProperty('toOrgId');
    expect(accept).not.toHaveProperty('rating');
    const transferAction = matterActions.find((a) => fieldsOf[a].includes('transfer'));
    expect(transferAction).toBeDefined();
    expect(toBody(allow(transferAction!), 1, filled)).toMatchObject({
      transferKind: 'to_department',
      toOrgId: uuid,
    });
  });

  it('asks whether a dissatisfaction is about substance only when the rating is unsatisfied', () => {
    const rate = matterActions.find((a) => fieldsOf[a].includes('rating'))!;
    expect(toBody(allow(rate), 1, filled).substantive).toBe(true);
    expect(toBody(allow(rate), 1, { ...filled, rating: 'satisfied' }).substantive).toBeUndefined();
  });

  it('sends the follow-up’s two answers (事心双结) only with the follow-up', () => {
    const visit = toBody(allow('follow_up'), 1, filled);
    expect(visit).toMatchObject({ matterResolved: 'partly', heartResolved: false });
    expect(toBody(allow('rate'), 1, filled)).not.toHaveProperty('matterResolved');
    expect(toBody(allow('archive'), 1, filled)).not.toHaveProperty('heartResolved');
  });

  it('sends a petitioner’s consent to mediation (访调) when the clerk recorded how and when', () => {
    const start = allow('start_mediation');
    expect(toBody(start, 1, filled)).not.toHaveProperty('consent');
    const body = toBody(start, 1, { ...filled, consentChannel: 'phone', consentOn: '2026-12-07' });
    expect(body.consent).toEqual({ channel: 'phone', on: '2026-12-07' });
    expect(actionBodySchema.safeParse(body).success).toBe(true);
  });

  it('sends the final-petition comparison only with its reason', () => {
    const a = allow('accept');
    expect(toBody(a, 1, { factsVerdict: 'same_facts', factsReason: '  ' })).not.toHaveProperty('factsCheck');
    expect(toBody(a, 1, { factsVerdict: 'same_facts', factsReason: ' 同一诉求 ' }).factsCheck).toEqual({
      verdict: 'same_facts',
      reason: '同一诉求',
    });
  });
});
