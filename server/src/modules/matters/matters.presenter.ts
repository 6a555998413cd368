/**
 * What staff see of a matter (docs/CONVENTIONS.md 8): parties masked unless the reader has
 * asked to unmask (an audited read), and hidden entirely from the org a petition complains about;
 * deadlines with their state and remaining time in words; only the actions this reader can take.
 */
import type { DeadlineView, MatterDetail, MatterSummary } from '../../../../core/contracts/matters';
import { type Category, categoryByCode } from '../../../../core/domain/catalog/categories';
import { maskIdentityInText, maskIdNumber, maskName, maskPhone } from '../../../../core/domain/masking';
import type { Actor as LifecycleActor } from '../../../../core/domain/matters/commands';
import { allowedActions } from '../../../../core/domain/matters/lifecycle';
import {
  followUpAnswersText,
  matterResolvedAnswers,
  matterStatusLabels,
} from '../../../../core/domain/matters/model';
import { nextStepFor } from '../../../../core/domain/matters/next-steps';
import { isOneOf } from '../../../../core/domain/matters/table-types';
import { transitionTable } from '../../../../core/domain/matters/transitions';
import { status as dueStatus, provisionalNoteOf, remaining } from '../../../../core/domain/time-limits';
import { toOrgRef } from '../orgs/orgs.presenter';
import type { OrgRow } from '../orgs/orgs.service';
import { endingView } from './ending.presenter';
import type { DeadlineRow, MatterRow, NoticeRow, PartyRow, SupervisionRow } from './matters.repo';

export function toDeadlineView(d: DeadlineRow, orgName: string, now: Date): DeadlineView {
  const live = d.status === 'running' || d.status === 'paused';
  const state =
    d.status === 'paused'
      ? 'paused'
      : !live
        ? 'done'
        : d.dueAt && d.warnAt
          ? dueStatus(now, d.dueAt, d.warnAt)
          : 'running';
  return {
    id: d.id,
    basis: d.basis,
    label: d.label,
    citation: d.citation,
    org: { id: d.orgId, name: orgName },
    startedAt: d.startedAt.toISOString(),
    dueAt: d.dueAt ? d.dueAt.toISOString() : null,
    status: d.status as DeadlineView['status'],
    state,
    remaining:
      d.status === 'paused'
        ? '已暂停计时'
        : !live
          ? d.status === 'missed'
            ? '已超期办结'
            : '已完成'
          : d.dueAt
            ? remaining(now, d.dueAt)
            : '',
    explanation: d.explanation,
    provisionalNote: live && d.provisionalYears.length ? provisionalNoteOf(d.explanation) : null,
  };
}

export interface SummaryInput {
  m: MatterRow;
  owner: OrgRow;
  pending: OrgRow | null;
  town: string | null;
  village: string | null;
  deadlines: DeadlineRow[];
  supervised: boolean;
  orgNames: Map<string, string>;
  now: Date;
  /** The county's categories (its own version: a county may add some); the shipped list otherwise. */
  categories?: readonly Category[];
  /** The parties' names, masked where typed into the title (docs/SECURITY.md G4). */
  partyNames?: readonly string[];
}

export function toMatterSummary(i: SummaryInput): MatterSummary {
  const live = i.deadlines
    .filter((d) => d.status === 'running' && d.dueAt)
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
  const next = live[0];
  return {
    id: i.m.id,
    code: i.m.code,
    kind: i.m.kind as MatterSummary['kind'],
    channel: i.m.channel as MatterSummary['channel'],
    categoryCode: i.m.categoryCode,
    categoryName: categoryByCode(i.m.categoryCode, i.categories)?.name ?? i.m.categoryCode,
    // A queue never shows identity typed into a title; the unmasked detail does.
    title: maskIdentityInText(i.m.title, i.partyNames ?? []),
    status: i.m.status as MatterSummary['status'],
    riskGrade: i.m.riskGrade as MatterSummary['riskGrade'],
    urgent: i.m.urgent,
    collective: i.m.collective,
    owner: toOrgRef(i.owner),
    pendingOrg: i.pending ? toOrgRef(i.pending) : null,
    town: i.town,
    village: i.village,
    nextDue: next ? toDeadlineView(next, i.orgNames.get(next.orgId) ?? '', i.now) : null,
    supervised: i.supervised,
    createdAt: i.m.createdAt.toISOString(),
    version: i.m.version,
  };
}

export function partyView(p: PartyRow, mode: 'full' | 'masked' | 'hidden') {
  if (mode === 'hidden') {
    return {
      id: p.id,
      role: p.role as 'applicant',
      name: '（信访人信息依法保护）',
      phone: null,
      idNumber: null,
      address: null,
      representative: p.representative,
      masked: true,
    };
  }
  const full = mode === 'full';
  return {
    id: p.id,
    role: p.role as 'applicant' | 'respondent' | 'other',
    name: full ? p.name : (maskName(p.name) ?? ''),
    phone: full ? p.phone : maskPhone(p.phone),
    idNumber: full ? p.idNumber : maskIdNumber(p.idNumber),
    address: full ? p.address : p.address ? '（已隐去）' : null,
    representative: p.representative,
    masked: !full,
  };
}

export interface DetailInput extends SummaryInput {
  parties: PartyRow[];
  partyMode: 'full' | 'masked' | 'hidden';
  /** Whether the reader holds the unmask right for this matter (visibility.ts mayUnmask). */
  viewerMayUnmask: boolean;
  gridName: string | null;
  notices: NoticeRow[];
  supervision: SupervisionRow[];
  timeline: {
    at: Date;
    action: string;
    actorId: string | null;
    actorName: string | null;
    actorOrgId: string | null;
    before: unknown;
    after: unknown;
    reason: string | null;
  }[];
  viewer: LifecycleActor;
  coHandlerOrgs: Map<string, OrgRow>;
  /** The agreements in effect, read only when the petition ended by mediation (its ending document). */
  agreements?: { id: string; effectiveAt: Date }[];
}

const actionLabels: Record<string, string> = {
  'matter.registered': '登记',
  'matter.pii_read': '查看当事人完整信息',
  'matter.supervised': '督办',
  'matter.attachment_added': '添加附件',
  'matter.attachment_read': '查看附件',
  'matter.party_added': '添加当事人',
  'matter.party_corrected': '更正当事人信息',
  'court.message_queued': '待发送法院',
  'court.message_delivered': '已送达法院',
  'court.delivery_failed': '发送法院未成功（将自动重试）',
  'court.message_rejected': '法院平台退回',
  'court.confirmation_applied': '申请司法确认',
  'court.confirmation_ruled': '法院对司法确认作出裁定',
  'court.case_registered': '法院立案',
  'court.mediation_received': '接收法院委托（委派）调解',
  'mediation.agreement_drafted': '制作调解协议',
  'mediation.oral_agreement_recorded': '记录口头协议',
  'mediation.agreement_signed': '调解协议签署',
  'mediation.agreement_effective': '调解协议生效',
  'mediation.performance_checked': '回访协议履行情况',
  'document.generated': '打印文书',
  'open311.request_filed': '经 Open311 客户端提交',
  'open311.update_received': '群众补充意见（Open311）',
  // Written by the deliberation module on the matter it concerns.
  'matter.panel_opinion': '评判团意见',
  'matter.service_assigned': '派给服务团',
  'matter.service_done': '便民服务完成',
  'matter.material_requested': '向群众索要材料（一次性告知单所列）',
  'matter.notice_violation': '索要一次性告知单以外的材料',
  'deadline.warned': '期限即将届满提醒',
  'deadline.overdue': '期限届满未办结（超期）',
  'deadline.lapsed': '期限届满',
  'deadline.recomputed': '按新的节假日安排重新计算期限',
  'supervision.recomputed': '按新的节假日安排重新计算督办回复期限',
  'field.report_received': '收到网格员上报',
  // Written by the referrals module on the matter a referral came from (its outcome coming back).
  'referral.referred': '转介服务',
  'referral.accepted': '服务机构受理转介',
  'referral.concluded': '转介服务办结',
  'referral.declined': '服务机构不予受理转介',
  'referral.withdrawn': '撤回转介',
  'referral.overdue': '转介服务超期未办结',
};

/** A step in words: never its event code, even for an event added later without a label here. */
export function timelineLabel(action: string, after: { action?: unknown }): string {
  const step = typeof after.action === 'string' ? after.action : '';
  return (
    actionLabels[action] ?? transitionTable[step as keyof typeof transitionTable]?.label ?? '其他办理记录'
  );
}

/** What a step recorded, in words: the follow-up's two answers (事心双结); older visits recorded none. */
function stepDetail(
  action: string,
  after: { matterResolved?: unknown; heartResolved?: unknown },
): string | null {
  if (action !== 'matter.followed_up') return null;
  const { matterResolved, heartResolved } = after;
  return isOneOf(matterResolvedAnswers, matterResolved) && typeof heartResolved === 'boolean'
    ? followUpAnswersText({ matterResolved, heartResolved })
    : null;
}

/** The org a step was taken for when the platform took it (a deadline's org, the owner after it). */
function stepOrgId(e: { actorOrgId: string | null; after: unknown; before: unknown }): string | null {
  if (e.actorOrgId) return e.actorOrgId;
  const after = (e.after ?? {}) as { orgId?: unknown; ownerOrgId?: unknown };
  const before = (e.before ?? {}) as { ownerOrgId?: unknown };
  for (const id of [after.orgId, after.ownerOrgId, before.ownerOrgId]) if (typeof id === 'string') return id;
  return null;
}

/** Every org the timeline names, for the one lookup the detail makes. */
export function timelineOrgIds(
  timeline: { actorOrgId: string | null; after: unknown; before: unknown }[],
): string[] {
  return timeline.map(stepOrgId).filter((x): x is string => !!x);
}

export function toMatterDetail(i: DetailInput): MatterDetail {
  const s = i.m.state;
  const known = i.deadlines
    .filter((d) => d.status === 'running' || d.status === 'paused')
    .map((d) => ({ basis: d.basis, orgId: d.orgId, dueAt: d.dueAt }));
  const viewer = { now: i.now, actor: i.viewer, deadlines: known };
  const allowed = allowedActions(s, viewer);
  const next = nextStepFor(s, viewer);
  // Identity typed into the text is masked like the party fields, except in the audited unmasked read.
  const names = i.parties.map((p) => p.name);
  const freeText = (t: string) =>
    i.partyMode === 'full' ? t : maskIdentityInText(t, names, i.partyMode === 'hidden');
  return {
    ...toMatterSummary(i),
    title: freeText(i.m.title),
    description: freeText(i.m.description),
    address: i.partyMode === 'hidden' ? null : i.m.address,
    lng: i.m.lng,
    lat: i.m.lat,
    coordConvertedFrom: i.m.coordConvertedFrom === 'gcj02' ? 'gcj02' : null,
    grid: i.gridName,
    parties: i.parties.map((p) =>
      partyView(p, p.role === 'applicant' ? i.partyMode : i.partyMode === 'full' ? 'full' : 'masked'),
    ),
    identityProtected: i.partyMode === 'hidden' || i.m.protectPetitioner,
    viewerMayUnmask: i.viewerMayUnmask,
    applicantCount: i.m.applicantCount,
    routing: { ruleId: i.m.routeRuleId, reason: i.m.routeReason },
    deadlines: i.deadlines.map((d) => toDeadlineView(d, i.orgNames.get(d.orgId) ?? '', i.now)),
    // A thumbnail shown on this page is a read too (in the audit log), not a step of the matter.
    timeline: i.timeline
      .filter(
        (e) => !(e.action === 'matter.attachment_read' && (e.after as { thumbnail?: unknown })?.thumbnail),
      )
      .map((e) => {
        const after = (e.after ?? {}) as {
          action?: string;
          status?: unknown;
          matterResolved?: unknown;
          heartResolved?: unknown;
        };
        const before = (e.before ?? {}) as { status?: unknown };
        const orgId = stepOrgId(e);
        return {
          at: e.at.toISOString(),
          action: e.action,
          label: timelineLabel(e.action, after),
          // No account behind the step: the platform took it (a sweep, a deadline, a court message).
          actorName: e.actorName ?? (e.actorId ? '工作人员' : '系统'),
          org: orgId ? (i.orgNames.get(orgId) ?? null) : null,
          // Only lifecycle events carry a matter status; other modules' events may not.
          from:
            typeof before.status === 'string'
              ? (matterStatusLabels[before.status as keyof typeof matterStatusLabels] ?? before.status)
              : null,
          to:
            typeof after.status === 'string'
              ? (matterStatusLabels[after.status as keyof typeof matterStatusLabels] ?? after.status)
              : null,
          reason: e.reason === null ? null : freeText(e.reason),
          detail: stepDetail(e.action, after),
        };
      }),
    allowedActions: allowed.map((a) => ({
      action: a,
      label: transitionTable[a].label,
      needsReason: transitionTable[a].needsReason,
    })),
    nextStep: {
      action: next.kind === 'do' ? next.action : null,
      waiting: next.kind === 'blocked' ? { label: next.label, reason: next.reason } : null,
    },
    notices: i.notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      servedAt: n.servedAt.toISOString(),
    })),
    coHandlers: s.coHandlers
      .map((c) => ({ org: i.coHandlerOrgs.get(c.org.id), status: c.status }))
      .filter((c): c is { org: OrgRow; status: 'working' | 'reported' | 'released' } => !!c.org)
      .map((c) => ({ org: toOrgRef(c.org), status: c.status })),
    petitionStage: s.petition?.stage ?? null,
    receipt: {
      receivedAt: (i.m.receivedAt ?? i.m.createdAt).toISOString(),
      registeredAt: i.m.createdAt.toISOString(),
      evidence: i.m.receiptEvidence,
    },
    externalBody: s.petition?.external ?? null,
    ending: endingView(s, i.notices, i.agreements ?? []),
    reworkCount: i.m.reworkCount,
    archiveNo: i.m.archiveNo,
  };
}
