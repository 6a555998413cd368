import { describe, expect, it } from 'vitest';
import type { IntakeBody } from '../../contracts/matters';
import { demoServiceCatalog } from '../catalog/demo-service-catalog';
import { defaultLifecyclePolicies } from '../clock-rules';
import { chineseDaysCalendar } from '../time-limits/calendar';
import { defaultLocalPolicies } from '../time-limits/local-policies';
import { type IntakePlan, type IntakePlanInput, planIntake } from './intake-plan';
import { NOW, orgs, resident, staff } from './test-fixtures';

const body: IntakeBody = {
  kind: 'dispute',
  channel: 'walk_in',
  categoryCode: 'MED-02',
  serviceCode: 'SVC-03',
  title: '邻里排水沟堵塞纠纷',
  description: '两户邻居因排水沟堵塞导致雨水倒灌。',
  place: {},
  parties: [
    { role: 'applicant', name: '王甲乙', phone: '13812340000', idNumber: '62060219800101001x' },
    { role: 'respondent', name: '李丙丁' },
  ],
} as IntakeBody;

function input(over: Partial<IntakePlanInput> = {}): IntakePlanInput {
  let n = 0;
  return {
    now: NOW,
    clockStart: NOW,
    receivedAt: null,
    countyCode: '620602',
    code: '620602-2026-000007',
    body,
    category: { labourDispute: false },
    service: demoServiceCatalog.items.find((s) => s.code === 'SVC-03')!,
    applicantCount: 1,
    collective: false,
    riskGrade: 'yellow',
    owner: {
      id: 'v1',
      path: '/d/t1/v1/',
      level: 'village',
      name: '某村',
      centerName: '某村综治中心',
      ref: orgs.village,
    },
    complained: null,
    place: {
      address: '某巷 3 号',
      lng: null,
      lat: null,
      coordConvertedFrom: null,
      gridId: null,
      villageId: 'v1',
      townId: 't1',
    },
    route: { ruleId: 'r1', reason: '村级矛盾纠纷', level: 'village', department: null },
    rulesVersion: 3,
    duplicates: ['620602-2026-000001'],
    actor: staff(orgs.village, ['clerk'], 'u1'),
    userId: 'u1',
    calendar: chineseDaysCalendar(),
    policies: { local: defaultLocalPolicies, lifecycle: defaultLifecyclePolicies },
    trackingSecretHash: null,
    ids: { matter: 'm1', next: () => `id${++n}` },
    hash: (kind, value) => (value ? `${kind}#${value.trim().toUpperCase()}` : null),
    ...over,
  };
}

const ok = (p: ReturnType<typeof planIntake>): IntakePlan => {
  if (!p.ok) throw new Error(p.message);
  return p;
};

describe('planIntake', () => {
  it('plans the matter, its parties, its first clock, the one-time notice and the event', () => {
    const p = ok(planIntake(input()));
    expect(p.matter).toMatchObject({
      id: 'm1',
      code: '620602-2026-000007',
      status: 'registered',
      ownerOrgId: 'v1',
      intakeUserId: 'u1',
      villageId: 'v1',
      townId: 't1',
      routeRuleId: 'r1',
      contactPhoneHash: 'phone#13812340000',
      createdAt: NOW,
    });
    expect(p.parties.map((x) => [x.id, x.role, x.idHash, x.matterId])).toEqual([
      ['id1', 'applicant', 'id#62060219800101001X', 'm1'],
      ['id2', 'respondent', null, 'm1'],
    ]);
    // The party's ID number is kept upper-cased (the X check digit), as it is hashed.
    expect(p.parties[0]!.idNumber).toBe('62060219800101001X');
    expect(p.deadlines.length).toBeGreaterThan(0);
    for (const d of p.deadlines) {
      expect(d.status).toBe('running');
      expect(d.startedAt).toEqual(NOW);
      expect((d.dueAt as Date).getTime()).toBeGreaterThan(NOW.getTime());
    }
    expect(p.notice?.kind).toBe('one_time_notice');
    expect(JSON.stringify(p.notice?.body)).toContain('620602-2026-000007');
    expect(p.event).toMatchObject({
      action: 'matter.registered',
      objectId: 'm1',
      after: {
        code: '620602-2026-000007',
        route: { ruleId: 'r1', rulesVersion: 3, level: 'village', department: null },
        duplicates: ['620602-2026-000001'],
        to: 'registered',
      },
    });
  });

  it('counts the clocks from the receipt date a clerk gave, and says so in the event', () => {
    const received = new Date(NOW.getTime() - 3 * 86_400_000);
    const late = ok(planIntake(input({ receivedAt: received, clockStart: received })));
    const now = ok(planIntake(input()));
    expect(late.deadlines[0]!.startedAt).toEqual(received);
    expect((late.deadlines[0]!.dueAt as Date).getTime()).toBeLessThan(
      (now.deadlines[0]!.dueAt as Date).getTime(),
    );
    expect(late.event.after.receivedAt).toBe(received.toISOString());
    expect(now.event.after).not.toHaveProperty('receivedAt');
  });

  it('serves no one-time notice without a service item', () => {
    expect(ok(planIntake(input({ service: null }))).notice).toBeNull();
  });

  it('protects the petitioner when an org is complained about', () => {
    const p = ok(planIntake(input({ complained: { id: 'rsj', path: '/d/rsj/' } })));
    expect(p.matter).toMatchObject({ protectPetitioner: true, complainedOrgId: 'rsj' });
  });

  it('refuses what the lifecycle refuses: a clerk registering for another org (首问负责)', () => {
    const p = planIntake(input({ actor: staff(orgs.village2, ['clerk'], 'u2') }));
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.httpStatus).toBe(403);
  });

  it('refuses a grid report from a resident', () => {
    const p = planIntake(input({ actor: resident, userId: null, body: { ...body, kind: 'report' } }));
    expect(p.ok).toBe(false);
  });

  it('is a function of its input: the same input, the same plan', () => {
    expect(planIntake(input())).toEqual(planIntake(input()));
  });
});
