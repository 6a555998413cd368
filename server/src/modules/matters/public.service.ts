/**
 * The resident's side without an account: submit online, then follow the matter with its code, the
 * tracking secret and the phone number given at intake: read the answer and the documents served,
 * send photos while it is being worked, rate it. Nothing personal comes back, and a wrong code,
 * secret or phone all answer the same 404 (docs/SECURITY.md G24).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IntakeBody } from '../../../../core/contracts/matters';
import type { Tracking, TrackingProof, UploadKind } from '../../../../core/contracts/public-matters';
import { categoryByCode, residentUploadKinds } from '../../../../core/domain/catalog/categories';
import { confirmationWindowDue, confirmationWindowRule } from '../../../../core/domain/court/docking';
import { maskIdentityInText } from '../../../../core/domain/masking';
import { parseMatterCode, parseTrackingSecret } from '../../../../core/domain/matters/code';
import type { Actor as LifecycleActor, MatterCommand } from '../../../../core/domain/matters/commands';
import { allowedActions } from '../../../../core/domain/matters/lifecycle';
import { transitionTable } from '../../../../core/domain/matters/transitions';
import { provisionalNote, residentCitation } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import type { Deps, RequestCtx } from '../../context';
import { piiCipher } from '../../pii/pii-cipher';
import { workCalendar } from '../calendar/calendar-cache';
import { countyCatalog } from '../config/catalog.service';
import { orgRowsByIds } from '../orgs/orgs.service';
import { applyDecision } from './actions.service';
import * as attachments from './attachments.repo';
import { RESIDENT_FILES_MAX, storeAttachment } from './attachments.service';
import { endingView } from './ending.presenter';
import { intakeOnline } from './intake.service';
import { toDeadlineView } from './matters.presenter';
import * as repo from './matters.repo';
import { piiHash } from './pii';
import { portsOf } from './ports';
import { residentAnswer, residentStatusLabel, residentTimeline } from './public.presenter';
import { withUpperBody } from './review-body';

const residentActions = ['rate', 'request_review', 'request_reexam', 'withdraw'] as const;

/** While the matter is still being worked, the resident may send more (photos, papers). */
const openStatuses = [
  'registered',
  'filed',
  'transferring',
  'objected',
  'handling',
  'mediating',
  'checking',
  'reviewing',
  'reexamining',
];

function sameHash(a: string | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The secret as stored (grouped, upper case) whatever way it was typed: lower case, no dashes. */
function canonicalSecret(secret: string): string {
  return parseTrackingSecret(secret)?.secret ?? secret.trim().toUpperCase();
}

async function openByProof(deps: Deps, proof: TrackingProof) {
  const code = proof.code.trim();
  // The code begins with its county (core/domain/matters/code.ts): the lookup goes to that county only.
  const county = parseMatterCode(code)?.countyCode;
  const m = county ? await repo.byCode(deps.database.db, county, code) : undefined;
  const secretHash = createHash('sha256').update(canonicalSecret(proof.secret)).digest('hex');
  const phoneHash = piiHash(deps.config.piiHashKey, 'phone', proof.phone) ?? '';
  // Both checks run whether or not the code exists, so timing tells nothing either.
  const okSecret = sameHash(m?.trackingSecretHash ?? '0'.repeat(64), secretHash);
  const okPhone = sameHash(m?.contactPhoneHash ?? '0'.repeat(64), phoneHash);
  if (!m || !okSecret || !okPhone)
    throw new AppError('NOT_FOUND', '未找到该事项：请核对事项编号、查询码和手机号码。');
  return m;
}

function uploadsOf(m: repo.MatterRow, kinds: UploadKind[], sent: number): Tracking['uploads'] {
  const open = openStatuses.includes(m.status) && sent < RESIDENT_FILES_MAX;
  return { open, kinds, remaining: Math.max(0, RESIDENT_FILES_MAX - sent) };
}

export async function trackMatter(deps: Deps, proof: TrackingProof): Promise<Tracking> {
  const m = await openByProof(deps, proof);
  const now = deps.clock.now();
  const db = deps.database.db;
  const [deadlines, timeline, notices, files, agreements, { categories }, names] = await Promise.all([
    repo.deadlinesOf(db, m.countyCode, [m.id]),
    repo.timelineOf(db, m.countyCode, m.id),
    repo.noticesOf(db, m.countyCode, m.id),
    attachments.ofMatter(db, m.countyCode, m.id),
    portsOf(deps).mediation.effectiveAgreements(deps, m),
    countyCatalog(db, m.countyCode),
    repo.partyNamesByMatter(db, m.countyCode, piiCipher(deps.config), [m.id]),
  ]);
  // A public page (code, secret and phone open it): identity typed into the title or an answer is
  // masked here as everywhere without the unmasked read (docs/SECURITY.md G4).
  const free = (t: string) => maskIdentityInText(t, names.get(m.id) ?? []);
  const answer = residentAnswer(notices, timeline);
  const transferredTo = timeline
    .map((e) => (e.after as { toOrgId?: unknown } | null)?.toOrgId)
    .filter((x): x is string => typeof x === 'string');
  const ownersAfter = timeline
    .map((e) => (e.after as { ownerOrgId?: unknown } | null)?.ownerOrgId)
    .filter((x): x is string => typeof x === 'string');
  const orgs = await orgRowsByIds(deps, [
    m.ownerOrgId,
    ...deadlines.map((d) => d.orgId),
    ...transferredTo,
    ...ownersAfter,
  ]);
  const orgName = (id: unknown) => {
    const o = typeof id === 'string' ? orgs.get(id) : undefined;
    return o?.centerName ?? o?.name ?? '有关单位';
  };
  const resident: LifecycleActor = { type: 'resident', userId: null };
  const live = deadlines.filter((d) => d.status === 'running' || d.status === 'paused');
  const can = allowedActions(m.state, {
    now,
    actor: resident,
    deadlines: live.map((d) => ({ basis: d.basis, orgId: d.orgId, dueAt: d.dueAt })),
  });
  const mine = files.filter((f) => f.origin === 'resident');
  return {
    code: m.code,
    title: free(m.title),
    // The category's name only: its code (MED-02) means nothing to a resident.
    category: categoryByCode(m.categoryCode, categories)?.name ?? '',
    status: m.status,
    statusLabel: residentStatusLabel(m.status),
    // A request handed to the city is with the city, in his words; the district only follows it up.
    holder: m.state.petition?.external
      ? `${m.state.petition.external.name}（由${orgName(m.ownerOrgId)}移送并跟踪）`
      : orgName(m.ownerOrgId),
    // A local limit shows its configured name, never a placeholder citation (本地规定（待定）).
    deadlines: live.map((d) => ({
      ...toDeadlineView(d, orgName(d.orgId), now),
      citation: residentCitation(d),
    })),
    timeline: residentTimeline(timeline, orgName),
    answer: answer && { ...answer, lines: answer.lines.map(free) },
    confirmationWindow: await confirmationWindowFor(deps, m.countyCode, agreements, now),
    ending: endingView(m.state, notices, agreements),
    documents: [
      ...notices.map((n) => ({
        id: n.id,
        kind: 'notice' as const,
        title: n.title,
        at: n.servedAt.toISOString(),
      })),
      ...agreements.map((a) => ({
        id: a.id,
        kind: 'agreement' as const,
        title: a.form === 'oral' ? '口头调解协议记录' : '人民调解协议书',
        at: a.effectiveAt.toISOString(),
      })),
    ],
    files: mine.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mime: f.mime,
      size: f.size,
      createdAt: f.createdAt.toISOString(),
    })),
    uploads: uploadsOf(m, residentUploadKinds(m.categoryCode, categories), mine.length),
    actions: can
      .filter((a) => (residentActions as readonly string[]).includes(a))
      .map((a) => ({ action: a, label: transitionTable[a].label })),
  };
}

/**
 * Online intake, with the code and the tracking secret sent to the applicant's phone through the
 * outbox in the intake's own transaction (the secret is wiped from the outbox once delivered).
 */
export async function submitOnline(deps: Deps, ctx: RequestCtx, countyCode: string, body: IntakeBody) {
  const phone = body.parties.find((p) => p.role === 'applicant' && p.phone)?.phone;
  const out = await intakeOnline(deps, ctx, countyCode, body, async (tx, matter) => {
    if (!phone || !matter.trackingSecret) return;
    await portsOf(deps).notifications.enqueue(deps, tx, deps.clock.now(), [
      {
        countyCode: matter.countyCode,
        template: 'matter_submitted',
        params: { code: matter.code, secret: matter.trackingSecret },
        to: { phone },
        ref: { type: 'matter', id: matter.matterId },
      },
    ]);
  });
  const secret = out.trackingSecret!;
  const tracking = await trackMatter(deps, { code: out.code, secret, phone: phone! });
  return { code: out.code, trackingSecret: secret, tracking };
}

/** A document served to the resident, as PDF: a notice, or their copy of the agreement in effect. */
export async function residentDocument(
  deps: Deps,
  ctx: RequestCtx,
  proof: TrackingProof,
  doc: { kind: 'notice' | 'agreement'; id: string },
) {
  const m = await openByProof(deps, proof);
  if (doc.kind === 'agreement') return portsOf(deps).mediation.agreementPdfForApplicant(deps, ctx, m, doc.id);
  const n = await repo.noticeById(deps.database.db, m.countyCode, doc.id);
  if (!n || n.matterId !== m.id) throw new AppError('NOT_FOUND');
  return portsOf(deps).documents.servedNoticePdf(deps, ctx, m, { ...n, lines: n.body.lines });
}

/** A photo (or video, or papers, as the category allows) sent by the resident while the matter is open. */
export async function residentUpload(
  deps: Deps,
  ctx: RequestCtx,
  proof: TrackingProof,
  file: { fileName: string; data: Buffer },
) {
  const m = await openByProof(deps, proof);
  if (!openStatuses.includes(m.status))
    throw new AppError('TRANSITION_REFUSED', '事项已办结，不能再补充材料。', { reason: 'MATTER_CLOSED' });
  const { categories } = await countyCatalog(deps.database.db, m.countyCode);
  const view = await storeAttachment(deps, ctx, m, file, {
    origin: 'resident',
    uploadedBy: null,
    kinds: residentUploadKinds(m.categoryCode, categories),
  });
  return {
    id: view.id,
    fileName: view.fileName,
    mime: view.mime,
    size: view.size,
    createdAt: view.createdAt,
  };
}

export async function residentAct(
  deps: Deps,
  ctx: RequestCtx,
  proof: TrackingProof,
  command: {
    action: 'rate' | 'request_review' | 'request_reexam' | 'withdraw';
    rating?: string;
    substantive?: boolean;
    reason?: string;
  },
) {
  const m = await openByProof(deps, proof);
  // Named before the transaction (PGlite has one connection); decide() checks it against the locked state.
  const upward = await withUpperBody(deps, m, command as unknown as MatterCommand);
  await deps.database.transaction(async (tx) => {
    const locked = await repo.lockById(tx, m.countyCode, m.id);
    if (!locked) throw new AppError('NOT_FOUND');
    await applyDecision(deps, ctx, tx, locked, upward, { type: 'resident', userId: null }, null);
  });
  deps.kickSealer();
  return trackMatter(deps, proof);
}

/** The judicial-confirmation window of the matter's effective agreement, as the parties see it. */
async function confirmationWindowFor(
  deps: Deps,
  countyCode: string,
  agreements: { effectiveAt: Date }[],
  now: Date,
): Promise<Tracking['confirmationWindow']> {
  const agreedAt = agreements[0]?.effectiveAt;
  if (!agreedAt) return null;
  const due = confirmationWindowDue(agreedAt, await workCalendar(deps, countyCode));
  return {
    agreedAt: agreedAt.toISOString(),
    dueAt: due.dueAt.toISOString(),
    open: now <= due.dueAt,
    citation: confirmationWindowRule.citation,
    provisionalNote: due.provisionalYears.length ? provisionalNote(due.provisionalYears) : null,
  };
}
