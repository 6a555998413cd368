/**
 * The mediation agreement (调解协议书) as data: what 人民调解法 art. 29 requires it to say, who must
 * sign it, and when it takes effect. Pure: the server stores, the web shows, the PDF prints.
 */

export interface AgreementParty {
  partyId: string;
  role: 'applicant' | 'respondent' | 'other';
  name: string;
  /** 基本情况: what identifies the party (sex, age or birth date, ethnicity, occupation, address). */
  particulars: string;
}

export interface AgreementContent {
  parties: AgreementParty[];
  /** 纠纷的主要事实 (art. 29(2)). */
  facts: string;
  /** 争议事项 (art. 29(2)). */
  issues: string;
  /** 各方当事人的责任 (art. 29(2)). */
  responsibility: string;
  /** 达成调解协议的内容 (art. 29(3)), one term per item. */
  terms: string[];
  /** 履行的方式、期限 (art. 29(3)). */
  performance: { manner: string; deadline: string };
  /** An oral agreement (art. 28): what was agreed, as recorded by the mediator. */
  oralRecord?: string;
  /** An oral agreement (art. 28): the mediator's own note on it (who was present, how it was reached). */
  mediatorNote?: string;
}

export type Signer = `party:${string}` | 'mediator' | 'org';

export const signerLabels = { mediator: '人民调解员', org: '人民调解委员会（盖章）' } as const;

/** Every party, the mediator and the org's seal (art. 29: 由各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章). */
export function requiredSigners(c: Pick<AgreementContent, 'parties'>): Signer[] {
  return [...c.parties.map((p) => `party:${p.partyId}` as Signer), 'mediator', 'org'];
}

export function missingSigners(c: Pick<AgreementContent, 'parties'>, signed: readonly string[]): Signer[] {
  return requiredSigners(c).filter((s) => !signed.includes(s));
}

/** The art. 29 contents that are still missing, in words for the mediator. */
export function contentProblems(c: AgreementContent): string[] {
  const out: string[] = [];
  if (c.parties.length < 2) out.push('调解协议须列明至少两方当事人。');
  for (const p of c.parties) {
    if (!p.particulars.trim()) out.push(`请填写当事人${p.name}的基本情况（性别、年龄、民族、住址等）。`);
  }
  if (!c.facts.trim()) out.push('请填写纠纷的主要事实。');
  if (!c.issues.trim()) out.push('请填写争议事项。');
  if (!c.responsibility.trim()) out.push('请填写各方当事人的责任。');
  if (c.terms.filter((t) => t.trim()).length === 0) out.push('请填写调解协议的内容。');
  if (!c.performance.manner.trim()) out.push('请填写履行方式。');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.performance.deadline)) out.push('请填写履行期限（日期）。');
  return out;
}

/** One copy per party plus one for the org (art. 29). */
export function copiesOf(c: Pick<AgreementContent, 'parties'>): number {
  return c.parties.length + 1;
}
