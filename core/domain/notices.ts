/**
 * The written notices a matter produces (docs/LEGAL.md §1.30: what the petitioner must be told, and when), in
 * plain words that are read aloud at the window and printed. The server stores each as issued.
 */

import {
  type MatterKind,
  type OpinionOutcome,
  opinionOutcomeLabels,
  type TerminationReason,
  terminationReasonLabels,
  type WithdrawalChannel,
  withdrawalChannelLabels,
} from './matters/model';
import { type NoticeKind, noticeKindLabels } from './matters/table-types';
import { formatInstantZh, residentCitation } from './time-limits';

export interface NoticeInput {
  kind: NoticeKind;
  matterCode: string;
  matterTitle: string;
  orgName: string;
  now: Date;
  reason: string | null;
  data: Record<string, unknown>;
  /** Due instants the notice must state: handling period, the petitioner's review window … */
  handlingDue?: Date | null;
  windowDue?: Date | null;
  /** Set when that date is provisional (暂定): the note printed beside it, as on every screen. */
  handlingDueNote?: string | null;
  windowDueNote?: string | null;
  /** 收到之日 and registration (the 受理告知书 states both: the clocks run from receipt, art. 23). */
  receipt?: { receivedAt: Date; registeredAt: Date } | null;
  /** The kind of matter: a dispute is accepted for mediation, a petition under the 信访工作条例. */
  matterKind?: MatterKind;
  /** The rule that set the handling clock (its deadline row), so the notice cites that rule. */
  handlingRule?: { citation: string; label: string } | null;
  /** A transfer's receiving 综治中心 (or unit) and how to reach it. */
  receiver?: { name: string; contact: string | null } | null;
}

export interface NoticeText {
  title: string;
  lines: string[];
}

const day = (d: Date) => formatInstantZh(d).replace(/\s*\d{1,2}:\d{2}.*$/, '');
const provisional = (note: string | null | undefined) => (note ? `（暂定：${note}）` : '');

export function buildNotice(i: NoticeInput): NoticeText {
  const title = noticeKindLabels[i.kind];
  const head = [`事项编号：${i.matterCode}`, `事项：${i.matterTitle}`];
  const foot = [`${i.orgName}`, `${day(i.now)}`];
  const outcome = i.data.outcome as OpinionOutcome | undefined;
  const basis = typeof i.data.legalBasis === 'string' ? i.data.legalBasis : null;
  const reasonCode = typeof i.data.terminationReason === 'string' ? i.data.terminationReason : null;
  switch (i.kind) {
    case 'acceptance':
      return {
        title,
        lines: [
          ...head,
          ...(i.receipt
            ? [`收到日期：${day(i.receipt.receivedAt)}；登记日期：${day(i.receipt.registeredAt)}。`]
            : []),
          `您反映的事项，本单位已于${day(i.now)}受理（${acceptanceBasis(i.matterKind)}）。`,
          i.handlingDue
            ? `本单位将在${day(i.handlingDue)}前办结并书面答复您${provisional(i.handlingDueNote)}${i.handlingRule ? `（办理期限依据：${residentCitation(i.handlingRule)}）` : ''}。`
            : '本单位将依法在规定期限内办结并答复您。',
          '办理期间，您可凭事项编号和查询码查询进度。',
          ...foot,
        ],
      };
    case 'extension':
      return {
        title,
        lines: [
          ...head,
          `因${i.reason ?? '情况复杂'}，经本单位负责人批准，办理期限延长 ${String(i.data.days ?? '')} 日（《信访工作条例》第三十四条）。`,
          i.handlingDue ? `延长后的办结期限为${day(i.handlingDue)}${provisional(i.handlingDueNote)}。` : '',
          ...foot,
        ].filter(Boolean),
      };
    case 'opinion':
    case 'review_opinion':
    case 'reexam_opinion': {
      const next =
        i.kind === 'opinion'
          ? `如不服本意见，您可以自收到本意见书之日起 30 日内，向本单位的上一级机关申请复查（《信访工作条例》第三十五条）${i.windowDue ? `，期限至${day(i.windowDue)}${provisional(i.windowDueNote)}` : ''}。`
          : i.kind === 'review_opinion'
            ? `如不服本复查意见，您可以自收到之日起 30 日内，向复查机关的上一级机关申请复核（《信访工作条例》第三十六条）${i.windowDue ? `，期限至${day(i.windowDue)}${provisional(i.windowDueNote)}` : ''}。`
            : '本复核意见为终结意见。对同一事实和理由提出的信访事项，各级机关不再受理（《信访工作条例》第三十六条第三款）。';
      return {
        title,
        lines: [
          ...head,
          `处理意见：${outcome ? opinionOutcomeLabels[outcome] : '见下文'}。`,
          i.reason ? `事实和理由：${i.reason}` : '',
          basis ? `依据：${basis}` : '',
          next,
          ...foot,
        ].filter(Boolean),
      };
    }
    case 'refusal':
      return { title, lines: [...head, `经审查，本单位决定不予受理。理由：${i.reason ?? ''}`, ...foot] };
    case 'channel':
      return {
        title,
        lines: [
          ...head,
          `您反映的事项应当通过法定途径解决（《信访工作条例》第三十一条），请依照相关法律程序提出。${i.reason ?? ''}`,
          ...foot,
        ],
      };
    case 'transfer':
      // The clerk's reason is an internal note between offices: the resident is told where it went.
      return {
        title,
        lines: [
          ...head,
          i.receiver
            ? `您反映的事项已转送（交办）${i.receiver.name}办理，后续由该单位答复您。`
            : '您反映的事项已转送（交办）有权处理的单位办理。',
          i.receiver?.contact
            ? `联系方式：${i.receiver.contact}。`
            : '您可凭事项编号和查询码查询办理进度，或到该单位咨询。',
          ...foot,
        ],
      };
    case 'mediation_termination':
      return {
        title,
        lines: [
          ...head,
          `调解已终止。${reasonCode && reasonCode in terminationReasonLabels ? `终止原因：${terminationReasonLabels[reasonCode as TerminationReason]}。` : ''}${i.reason ?? ''}`,
          '您可以依法通过仲裁、行政、司法等途径维护自己的权利（《人民调解法》第二十六条）。',
          ...foot,
        ],
      };
    case 'court_referral':
      return {
        title,
        lines: [...head, `本纠纷经调解未能解决，已告知当事人向人民法院起诉。${i.reason ?? ''}`, ...foot],
      };
    case 'answer':
      return { title, lines: [...head, `答复：${i.reason ?? ''}`, '请您对办理结果作出评价。', ...foot] };
    case 'withdrawal': {
      const channel = typeof i.data.channel === 'string' ? i.data.channel : 'online';
      const how =
        channel in withdrawalChannelLabels
          ? `经您${withdrawalChannelLabels[channel as WithdrawalChannel]}`
          : '经您在网上自行提出';
      return {
        title,
        lines: [
          ...head,
          `${how}，您已撤回上述信访事项，本单位于${day(i.now)}确认，终止办理。`,
          i.reason ? `撤回理由：${i.reason}` : '',
          typeof i.data.evidence === 'string' && i.data.evidence ? `撤回凭据：${i.data.evidence}` : '',
          '撤回后，您仍可依照《信访工作条例》就新的事实和理由另行提出信访事项。',
          ...foot,
        ].filter(Boolean),
      };
    }
  }
}

/**
 * What the acceptance of each kind rests on: a petition on 信访工作条例 art. 23; a dispute on the
 * 人民调解法 (art. 17: a party's application, or the committee's own initiative) and the county's
 * rules for the 综治中心; other matters on the centre's duty to answer.
 */
function acceptanceBasis(kind: MatterKind | undefined): string {
  switch (kind) {
    case 'petition':
      return '《信访工作条例》第二十三条';
    case 'dispute':
      return '《人民调解法》第十七条及本地矛盾纠纷受理办理规定';
    default:
      return '综治中心首问负责制';
  }
}
