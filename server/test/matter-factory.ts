/**
 * Matters for tests, made through the intake service (the same code path as the API, without HTTP):
 * a staff matter is registered by a clerk of the org that is to own it (首问负责: the registering
 * org owns it), an online matter by an anonymous resident and routed by the rules.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { IntakeBody } from '../../core/contracts/matters';
import { allowedChildKinds, type OrgKind } from '../../core/domain/orgs';
import type { Role } from '../../core/domain/roles';
import type { Actor, RequestCtx } from '../src/context';
import { actOnMatter } from '../src/modules/matters/actions.service';
import { intakeByStaff, intakeOnline } from '../src/modules/matters/intake.service';
import { saveAgreement } from '../src/modules/mediation/agreements.service';
import * as orgsRepo from '../src/modules/orgs/orgs.repo';
import { buildOrg, buildUser, testCtx } from './factories';
import type { TestApp } from './test-app';

type OrgRow = orgsRepo.OrgRow;

/** A serviceCode of the demo catalogue for a dispute: intake serves its one-time notice (一次性告知). */
export const DISPUTE_SERVICE = 'SVC-03';

/** A random mobile number, so that the duplicate hints of intake do not pile up on one person. */
export const freshPhone = (): string => `137${String(randomInt(100_000_000)).padStart(8, '0')}`;

/** A valid neighbour dispute (MED-02), about `villageId` when given. */
export function disputeBody(
  opts: { villageId?: string | null; serviceCode?: string; phone?: string; title?: string } = {},
): IntakeBody {
  return {
    kind: 'dispute',
    channel: 'walk_in',
    categoryCode: 'MED-02',
    ...(opts.serviceCode ? { serviceCode: opts.serviceCode } : {}),
    title: opts.title ?? '邻里排水沟堵塞纠纷',
    description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
    riskGrade: 'yellow',
    place: opts.villageId ? { villageId: opts.villageId, address: '某巷 3 号' } : {},
    parties: [
      { role: 'applicant', name: '王甲乙', phone: opts.phone ?? freshPhone() },
      { role: 'respondent', name: '李丙丁' },
    ],
  };
}

/** The request context of a staff user, as the auth plugin builds it. */
export function staffCtx(
  org: OrgRow,
  user: { id: string; username: string },
  roles: Role[],
): RequestCtx & { actor: Actor } {
  return {
    ...testCtx(),
    actor: {
      userId: user.id,
      username: user.username,
      displayName: `${user.username}（测试）`,
      roles,
      kind: 'staff',
      countyCode: org.countyCode,
      orgId: org.id,
      orgPath: org.path,
      orgKind: org.kind as OrgKind,
      orgLevel: org.level as Actor['orgLevel'],
      sessionId: randomUUID(),
    },
  };
}

const clerks = new WeakMap<TestApp, Map<string, RequestCtx & { actor: Actor }>>();
/** One clerk per org (made on first use). */
export async function clerkOf(t: TestApp, org: OrgRow): Promise<RequestCtx & { actor: Actor }> {
  let byOrg = clerks.get(t);
  if (!byOrg) {
    byOrg = new Map();
    clerks.set(t, byOrg);
  }
  const known = byOrg.get(org.id);
  if (known) return { ...known, requestId: `test-${randomUUID()}` };
  const user = await buildUser(t, org, ['clerk']);
  const ctx = staffCtx(org, user, ['clerk']);
  byOrg.set(org.id, ctx);
  return ctx;
}

/** The village a matter of this org is about: the org itself, a town's first village, or none. */
export async function villageOf(t: TestApp, org: OrgRow): Promise<string | null> {
  if (org.kind === 'village') return org.id;
  if (org.kind !== 'town') return null;
  const res = (await t.database.db.execute(
    sql`select id from orgs where parent_id = ${org.id} and kind = 'village' order by division_code limit 1`,
  )) as unknown as { rows: { id: string }[] };
  return res.rows[0]?.id ?? null;
}

export interface BuiltMatter {
  id: string;
  code: string;
  ownerOrgId: string;
  /** The one-time notice served at intake (only with a serviceCode). */
  noticeId: string | null;
}

/** A dispute owned by `org`, registered by a clerk of that org; status `registered`. */
export async function buildMatter(
  t: TestApp,
  org: OrgRow,
  opts: { serviceCode?: string; title?: string } = {},
): Promise<BuiltMatter> {
  const ctx = await clerkOf(t, org);
  const body = disputeBody({ villageId: await villageOf(t, org), ...opts });
  const out = await intakeByStaff(t.deps, ctx, body);
  const res = (await t.database.db.execute(
    sql`select id from matter_notices where matter_id = ${out.matterId} order by served_at limit 1`,
  )) as unknown as { rows: { id: string }[] };
  return { id: out.matterId, code: out.code, ownerOrgId: org.id, noticeId: res.rows[0]?.id ?? null };
}

export interface PublicMatter {
  id: string;
  code: string;
  secret: string;
  phone: string;
  ownerOrgId: string;
}

/**
 * A dispute submitted online in `countyCode` (routed by the rules); with `answered`, the owning
 * org's clerk then accepts and answers it, so that the resident may rate it.
 */
export async function buildPublicMatter(
  t: TestApp,
  countyCode: string,
  opts: { villageId?: string | null; answered?: boolean } = {},
): Promise<PublicMatter> {
  const phone = freshPhone();
  const body = { ...disputeBody({ villageId: opts.villageId ?? null, phone }), channel: 'online' as const };
  const out = await intakeOnline(t.deps, testCtx(), countyCode, body);
  const res = (await t.database.db.execute(
    sql`select owner_org_id from matters where id = ${out.matterId}`,
  )) as unknown as { rows: { owner_org_id: string }[] };
  const ownerOrgId = res.rows[0]!.owner_org_id;
  if (opts.answered) {
    const owner = await orgsRepo.byId(t.database.db, ownerOrgId);
    if (!owner) throw new Error(`no owner org ${ownerOrgId}`);
    const clerk = await clerkOf(t, owner);
    await actOnMatter(t.deps, clerk, out.matterId, { action: 'accept' });
    await actOnMatter(t.deps, { ...clerk, requestId: `test-${randomUUID()}` }, out.matterId, {
      action: 'answer',
    });
  }
  return { id: out.matterId, code: out.code, secret: out.trackingSecret!, phone, ownerOrgId };
}

/** An 18-digit resident ID with a correct GB 11643 check digit. */
export function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body17[i]), 0);
  return body17 + '10X98765432'[sum % 11];
}

/**
 * A dispute owned by `org` whose mediation ended: the org's clerk accepts it and starts mediation, a
 * mediator of the org is assigned and either terminates it (mediation failed) or records an
 * agreement. Both parties carry ID and phone numbers, as the court needs them.
 */
export async function buildMediatedMatter(
  t: TestApp,
  org: OrgRow,
  outcome: 'mediating' | 'terminated' | 'agreed',
): Promise<BuiltMatter> {
  const clerk = await clerkOf(t, org);
  const body = disputeBody({ villageId: await villageOf(t, org) });
  body.parties = [
    { role: 'applicant', name: '王甲乙', phone: freshPhone(), idNumber: residentId('62060219800101001') },
    { role: 'respondent', name: '李丙丁', phone: freshPhone(), idNumber: residentId('62060219820202002') },
  ];
  const out = await intakeByStaff(t.deps, clerk, body);
  const again = () => ({ ...clerk, requestId: `test-${randomUUID()}` });
  await actOnMatter(t.deps, again(), out.matterId, { action: 'accept' });
  await actOnMatter(t.deps, again(), out.matterId, {
    action: 'start_mediation',
    initiative: 'application',
  } as never);
  // The mediator serves on a 人民调解委员会 of the org, which seals.
  const mediator = await buildUser(t, await committeeFor(t, org), ['mediator']);
  await actOnMatter(t.deps, again(), out.matterId, {
    action: 'assign_mediator',
    mediatorId: mediator.id,
    chosenBy: 'org',
    conflictOfInterest: false,
  } as never);
  const done = { id: out.matterId, code: out.code, ownerOrgId: org.id, noticeId: null };
  if (outcome === 'mediating') return done;
  const m = staffCtx(org, mediator, ['mediator']);
  if (outcome === 'agreed') {
    // An oral agreement takes effect when recorded (人民调解法 art. 30): no signatures to gather here.
    const parties = (await t.database.db.execute(
      sql`select id from matter_parties where matter_id = ${out.matterId} order by created_at`,
    )) as unknown as { rows: { id: string }[] };
    await saveAgreement(t.deps, { ...m, requestId: `test-${randomUUID()}` }, out.matterId, {
      form: 'oral',
      parties: parties.rows.map((p) => ({ partyId: p.id, particulars: '' })),
      oralRecord: '双方当场同意由被申请人疏通排水沟。',
      mediatorNote: '调解员当场记录，双方确认。',
    });
  }
  await actOnMatter(
    t.deps,
    m,
    out.matterId,
    (outcome === 'agreed'
      ? { action: 'agree', form: 'oral' }
      : {
          action: 'terminate_mediation',
          terminationReason: 'positions_too_far_apart',
          reason: '分歧较大',
        }) as never,
  );
  return { id: out.matterId, code: out.code, ownerOrgId: org.id, noticeId: null };
}

/**
 * A 人民调解委员会 of its own under the org (so no account of the demo county sits on the committee
 * that mediates); an org that cannot hold one: the org itself.
 */
async function committeeFor(t: TestApp, org: OrgRow): Promise<OrgRow> {
  if (!allowedChildKinds(org.kind as OrgKind).includes('mediation_committee')) return org;
  return buildOrg(t, org, { kind: 'mediation_committee', name: `${org.name}人民调解委员会（测试）` });
}
