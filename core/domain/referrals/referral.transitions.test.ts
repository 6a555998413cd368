import { describe, expect, it } from 'vitest';
import { concludingOutcomes, mayProvide, providerKinds, serviceKinds } from './model';
import {
  allowedReferralActions,
  decideReferral,
  isOpenReferral,
  type ReferralPart,
  referralActions,
  referralStatuses,
  referralTransitions,
} from './referral.transitions';

const both: ReferralPart[] = ['provider', 'referrer'];

describe('the referral transition table', () => {
  describe.each(referralActions)('%s', (action) => {
    const row = referralTransitions[action];
    it('is refused (409) to a service the step does not belong to, whoever asks', () => {
      for (const kind of serviceKinds.filter((k) => !row.steps.includes(k)))
        for (const s of referralStatuses)
          expect(decideReferral(kind, s, action, both)).toMatchObject({
            ok: false,
            code: 'TRANSITION_REFUSED',
            reason: 'NOT_A_STEP_OF_SERVICE',
          });
    });
    it('is refused (409) from a closed referral', () => {
      for (const kind of row.steps)
        for (const s of referralStatuses.filter((x) => !isOpenReferral(x)))
          expect(decideReferral(kind, s, action, both)).toMatchObject({
            ok: false,
            code: 'TRANSITION_REFUSED',
          });
    });
    it('is refused (403) to the other side', () => {
      const other: ReferralPart = row.by === 'provider' ? 'referrer' : 'provider';
      for (const kind of row.steps)
        for (const s of row.from) {
          const d = decideReferral(kind, s, action, [other]);
          if (action !== 'conclude') expect(d).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          else if (!d.ok) expect(['FORBIDDEN', 'TRANSITION_REFUSED']).toContain(d.code);
        }
    });
  });

  it('walks legal aid: accept, assign a lawyer, conclude — and not conclude before assignment', () => {
    const p: ReferralPart[] = ['provider'];
    expect(decideReferral('legal_aid', 'referred', 'accept', p)).toEqual({ ok: true, to: 'accepted' });
    expect(decideReferral('legal_aid', 'accepted', 'conclude', p)).toMatchObject({ ok: false });
    expect(decideReferral('legal_aid', 'accepted', 'assign', p)).toEqual({ ok: true, to: 'assigned' });
    expect(decideReferral('legal_aid', 'assigned', 'conclude', p)).toEqual({ ok: true, to: 'concluded' });
  });

  it('walks counselling: appointment, sessions that keep the status, conclusion', () => {
    const p: ReferralPart[] = ['provider'];
    expect(decideReferral('counselling', 'accepted', 'assign', p)).toMatchObject({ ok: false });
    expect(decideReferral('counselling', 'accepted', 'schedule', p)).toEqual({ ok: true, to: 'in_service' });
    expect(decideReferral('counselling', 'in_service', 'record_session', p)).toEqual({
      ok: true,
      to: 'in_service',
    });
    expect(decideReferral('counselling', 'in_service', 'conclude', p)).toEqual({ ok: true, to: 'concluded' });
  });

  it('lets relief, help and administrative mediation decide right after acceptance', () => {
    for (const kind of ['judicial_relief', 'hardship_aid', 'admin_mediation'] as const)
      expect(allowedReferralActions(kind, 'accepted', ['provider'])).toEqual(['decline', 'conclude']);
  });

  it('lets the referring side only withdraw, and only before the provider has gone beyond acceptance', () => {
    expect(allowedReferralActions('legal_aid', 'referred', ['referrer'])).toEqual(['withdraw']);
    expect(allowedReferralActions('legal_aid', 'assigned', ['referrer'])).toEqual([]);
  });
});

describe('providers and outcomes', () => {
  it('sends legal aid only to a service center and administrative mediation only to a department', () => {
    expect(mayProvide('legal_aid', 'service_center')).toBe(true);
    expect(mayProvide('legal_aid', 'department')).toBe(false);
    expect(mayProvide('admin_mediation', 'department')).toBe(true);
    expect(mayProvide('admin_mediation', 'village')).toBe(false);
  });
  it('names providers and at least one concluding outcome for every service', () => {
    for (const k of serviceKinds) {
      expect(providerKinds[k].length).toBeGreaterThan(0);
      expect(concludingOutcomes[k].length).toBeGreaterThan(0);
    }
  });
});
