/**
 * The texts people receive by SMS and in-app (通知模板): the shipped defaults, the placeholders each one
 * may use, and the checks a county's edited text must pass. The code that sends a message fills the
 * placeholders, so a text may use only the ones that code gives (anything else would go out as a
 * hole or fail in the outbox), and must keep the ones the recipient needs to act: the matter code to
 * look the matter up, the date by which something happens.
 *
 * Parameters carry what the recipient needs to act (time, place, topic, code) and never another
 * person's name or number: an SMS is read on a lock screen (docs/SECURITY.md).
 */

export const noticeTemplateCodes = [
  'matter_submitted',
  'matter_accepted',
  'matter_transferred',
  'matter_extended',
  'matter_answered',
  'confirmation_window_closing',
  'meeting_invitation',
  'decision_task',
  'service_assignment',
  'performance_visit',
  'deadline_recomputed',
  'referral_overdue',
] as const;
export type NoticeTemplateCode = (typeof noticeTemplateCodes)[number];

export interface NoticeTemplateText {
  title: string;
  /** `{name}` placeholders, filled from the outbox row's params. */
  text: string;
}

export interface NoticeTemplateSpec extends NoticeTemplateText {
  label: string;
  /** Who reads it. */
  audience: string;
  /** Link inside the web app for in-app messages; fixed by the code, not editable. */
  link?: string;
  /** Every placeholder the sending code fills, with a label for the administrator and a sample. */
  placeholders: Readonly<Record<string, { label: string; sample: string }>>;
  /** Placeholders the text must keep. */
  required: readonly string[];
  /**
   * Placeholders that open something (the tracking secret): the outbox wipes them from its row once
   * the message is delivered or given up, so the secret is not kept in clear longer than needed.
   */
  secret?: readonly string[];
}

const code = { label: '事项编号', sample: '620602-2026-000123' };
const org = { label: '承办单位', sample: '四坝镇综治中心' };

export const noticeTemplateSpecs: Readonly<Record<NoticeTemplateCode, NoticeTemplateSpec>> = {
  // Right after an online submission: the code and the tracking secret, so losing the success page
  // loses nothing. The phone that receives it is the third part of the proof anyway.
  matter_submitted: {
    label: '网上反映已提交（告知群众编号和查询码）',
    audience: '反映人（短信）',
    title: '事项已提交',
    text: '【综治】您反映的事项已提交，事项编号 {code}，查询码 {secret}。请妥善保存，凭编号、查询码和本手机号查询办理进度。',
    placeholders: {
      code,
      secret: { label: '查询码', sample: '7K3M-Q9XR-ABCD-EFGH-JKMN-PQRS-TV12' },
    },
    required: ['code', 'secret'],
    secret: ['secret'],
  },
  // What a resident is told as their matter moves (issue 5): the code, who holds it, until when.
  matter_accepted: {
    label: '事项已受理（告知群众）',
    audience: '反映人（短信）',
    title: '事项已受理',
    text: '【综治】您反映的事项（编号 {code}）已由{org}受理，将于 {due} 前办结答复。凭编号和查询码可查询进度。',
    placeholders: { code, org, due: { label: '办结期限', sample: '2026年12月28日' } },
    required: ['code', 'due'],
  },
  matter_transferred: {
    label: '事项已转办（告知群众）',
    audience: '反映人（短信）',
    title: '事项已转办',
    text: '【综治】您反映的事项（编号 {code}）已转交{org}办理。凭编号和查询码可查询进度。',
    placeholders: { code, org },
    required: ['code', 'org'],
  },
  matter_extended: {
    label: '办理期限延长（告知群众）',
    audience: '反映人（短信）',
    title: '办理期限延长',
    text: '【综治】您反映的事项（编号 {code}）办理期限经批准延长 {days} 日，新的办结期限为 {due}。',
    placeholders: {
      code,
      org,
      days: { label: '延长天数', sample: '30' },
      due: { label: '新的办结期限', sample: '2027年1月27日' },
    },
    required: ['code', 'due'],
  },
  matter_answered: {
    label: '事项已答复（告知群众）',
    audience: '反映人（短信）',
    title: '事项已答复',
    text: '【综治】您反映的事项（编号 {code}）已由{org}答复，请凭编号和查询码查看答复并作出评价。',
    placeholders: { code, org },
    required: ['code'],
  },
  confirmation_window_closing: {
    label: '司法确认期限提醒（告知当事人）',
    audience: '调解当事人（短信）',
    title: '司法确认期限提醒',
    text: '【综治】您的调解协议（事项编号 {code}）可于 {due} 前由双方共同向人民法院申请司法确认，逾期不能申请。如需申请请联系{org}。',
    placeholders: {
      code,
      org: { label: '调解组织', sample: '四坝镇人民调解委员会' },
      due: { label: '申请截止日', sample: '2026年12月28日' },
    },
    // 民事诉讼法 art. 205: 30 days from the agreement taking effect; the date is the point of the message.
    required: ['code', 'due'],
  },
  meeting_invitation: {
    label: '议事会议通知',
    audience: '议事组织成员（短信、站内）',
    title: '会议通知',
    text: '【综治】{bodyName}定于{time}在{place}召开会议，议题：{topic}。请准时参加。',
    link: '/deliberation/meetings/{meetingId}',
    placeholders: {
      bodyName: { label: '议事组织', sample: '四坝镇平安建设议事会' },
      time: { label: '会议时间', sample: '12月3日 09:30' },
      place: { label: '会议地点', sample: '镇综治中心会议室' },
      topic: { label: '议题', sample: '村道排水整治' },
      meetingId: { label: '会议标识（链接用）', sample: '00000000-0000-4000-8000-000000000000' },
    },
    required: ['time', 'place'],
  },
  decision_task: {
    label: '议事决定交办任务',
    audience: '承办人（站内）',
    title: '议事决定交办任务',
    text: '【综治】{bodyName}会议决定交办任务“{taskTitle}”（事项编号 {code}），请于 {dueOn} 前办结。',
    link: '/matters/{matterId}',
    placeholders: {
      bodyName: { label: '议事组织', sample: '四坝镇平安建设议事会' },
      taskTitle: { label: '任务', sample: '疏通村道排水沟' },
      code,
      dueOn: { label: '办结期限', sample: '2026-12-10' },
      matterId: { label: '事项标识（链接用）', sample: '00000000-0000-4000-8000-000000000000' },
    },
    required: ['code', 'dueOn'],
  },
  service_assignment: {
    label: '便民服务派单',
    audience: '服务人员（短信、站内）',
    title: '便民服务派单',
    text: '【综治】您有一件便民服务（事项编号 {code}）：{task}。请尽快联系办理。',
    placeholders: { code, task: { label: '服务内容', sample: '为独居老人维修水管' } },
    required: ['code'],
  },
  performance_visit: {
    label: '调解协议履行回访提醒',
    audience: '调解员（站内）',
    title: '调解协议履行回访',
    text: '【综治】事项 {code} 的调解协议约定于 {deadline} 前履行完毕，请回访当事人并记录履行情况。',
    link: '/matters/{matterId}',
    placeholders: {
      code,
      deadline: { label: '约定履行期限', sample: '2026-12-20' },
      matterId: { label: '事项标识（链接用）', sample: '00000000-0000-4000-8000-000000000000' },
    },
    required: ['code', 'deadline'],
  },
  // A provisional date recomputed when the year's holiday arrangement was saved (docs/LEGAL.md §8.5):
  // never silently, so the handler hears of every date that moved, earlier or later.
  deadline_recomputed: {
    label: '期限因节假日安排重新计算',
    audience: '承办人（站内）',
    title: '期限已重新计算',
    text: '【综治】{year} 年节假日安排已载入，事项 {code} 的{label}由 {from} 调整为 {to}，请按新期限办理。',
    link: '/matters/{matterId}',
    placeholders: {
      year: { label: '年度', sample: '2027' },
      code,
      label: { label: '期限名称', sample: '信访事项办理期限' },
      from: { label: '原期限', sample: '2027年1月29日' },
      to: { label: '新期限', sample: '2027年2月3日' },
      matterId: { label: '事项标识（链接用）', sample: '00000000-0000-4000-8000-000000000000' },
    },
    required: ['code', 'from', 'to'],
  },
  // A referral past its clock (issue 17): the provider that holds it and the handler who referred hear
  // of it once, from the sweep; the service is named, never the party (a lock screen shows it).
  referral_overdue: {
    label: '转介服务超期未办结',
    audience: '服务机构、转介承办人（站内）',
    title: '转介服务已超期',
    text: '【综治】事项 {code} 转介的{service}（{provider}）已超过办理期限 {due}，尚未办结，请尽快办理或说明情况。',
    link: '/matters/{matterId}',
    placeholders: {
      code,
      service: { label: '服务', sample: '法律援助' },
      provider: { label: '服务机构', sample: '凉州区法律援助中心' },
      due: { label: '办理期限', sample: '2026年12月28日' },
      matterId: { label: '事项标识（链接用）', sample: '00000000-0000-4000-8000-000000000000' },
    },
    required: ['code', 'due'],
  },
};

export function isNoticeTemplateCode(s: string): s is NoticeTemplateCode {
  return (noticeTemplateCodes as readonly string[]).includes(s);
}

/** The placeholder names in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!))];
}

/**
 * Problems with an edited template, in Chinese for the administrator; empty when it may be saved.
 * Refused: a placeholder the sending code does not fill, a required one left out, a brace left open,
 * and an ID-number-like run of digits (never in a message: a lock screen shows it to anyone).
 */
export function checkNoticeTemplate(code: NoticeTemplateCode, t: NoticeTemplateText): string[] {
  const spec = noticeTemplateSpecs[code];
  const issues: string[] = [];
  for (const [field, value] of [
    ['标题', t.title],
    ['内容', t.text],
  ] as const) {
    const used = placeholdersIn(value);
    for (const name of used) {
      if (!(name in spec.placeholders)) {
        const allowed = Object.keys(spec.placeholders)
          .map((n) => `{${n}}`)
          .join('、');
        issues.push(`${field}中的占位符 {${name}} 不可用；可用的有：${allowed}`);
      }
    }
    const stripped = value.replace(/\{[^{}]*\}/g, '');
    if (stripped.includes('{') || stripped.includes('}')) issues.push(`${field}中有不成对的花括号`);
    if (/\d{17}[\dXx]/.test(stripped)) issues.push(`${field}中不得出现身份证号码`);
  }
  const inText = placeholdersIn(t.text);
  for (const name of spec.required) {
    if (!inText.includes(name))
      issues.push(`内容必须包含 {${name}}（${spec.placeholders[name]?.label ?? name}）`);
  }
  return issues;
}

/** Fills `{name}` placeholders; a missing parameter is the caller's bug, reported by name. */
export function fillPlaceholders(s: string, params: Readonly<Record<string, string>>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new RangeError(`missing notice parameter ${k}`);
    return v;
  });
}

/** The sample parameters of a template, for the administrator's preview. */
export function sampleParams(code: NoticeTemplateCode): Record<string, string> {
  return Object.fromEntries(
    Object.entries(noticeTemplateSpecs[code].placeholders).map(([k, v]) => [k, v.sample]),
  );
}

/** The shipped texts with a county's saved ones on top. */
export function resolveNoticeTemplates(
  saved: Partial<Record<string, NoticeTemplateText>>,
): Record<NoticeTemplateCode, NoticeTemplateText & { customised: boolean }> {
  return Object.fromEntries(
    noticeTemplateCodes.map((c) => {
      const s = saved[c];
      const spec = noticeTemplateSpecs[c];
      return [
        c,
        s
          ? { title: s.title, text: s.text, customised: true }
          : { title: spec.title, text: spec.text, customised: false },
      ];
    }),
  ) as Record<NoticeTemplateCode, NoticeTemplateText & { customised: boolean }>;
}
