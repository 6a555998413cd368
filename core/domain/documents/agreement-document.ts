/**
 * 人民调解协议书 (人民调解法 art. 29): the parties and their particulars, the main facts, the issues
 * and each side's responsibility, the terms, the manner and deadline of performance; signed by every
 * party and the mediator and sealed by the org; one copy per party and one for the org.
 */
import type { AgreementContent } from '../mediation/agreement';
import type { Block, DocumentModel, SignatureLine } from './model';

const roleWords = { applicant: '申请人', respondent: '被申请人', other: '第三人' } as const;

export interface AgreementPrint {
  content: AgreementContent;
  orgName: string;
  mediatorName: string | null;
  matterCode: string;
  /** Full names: the printed agreement is the legal record. */
  signatures: SignatureLine[];
  effectiveDay: string | null;
  copies: number;
}

export function agreementDocument(p: AgreementPrint): DocumentModel {
  const c = p.content;
  const holders = [...c.parties.map((x) => `${roleWords[x.role]}${x.name}`), p.orgName];
  const copy = (i: number): Block[] => [
    {
      kind: 'paragraph',
      text: `本协议一式 ${p.copies} 份，此为第 ${i + 1} 份（${holders[i] ?? p.orgName}收执）。`,
    },
    { kind: 'heading', text: '当事人基本情况' },
    ...c.parties.map((x) => ({
      kind: 'field' as const,
      label: roleWords[x.role],
      value: `${x.name}，${x.particulars}`,
    })),
    { kind: 'heading', text: '纠纷的主要事实、争议事项' },
    { kind: 'paragraph', text: c.facts },
    { kind: 'field', label: '争议事项', value: c.issues },
    { kind: 'field', label: '各方当事人的责任', value: c.responsibility },
    { kind: 'heading', text: '经调解，自愿达成如下协议' },
    { kind: 'list', items: c.terms.map((t, n) => `${n + 1}. ${t}`) },
    { kind: 'field', label: '履行方式', value: c.performance.manner },
    { kind: 'field', label: '履行期限', value: `${c.performance.deadline} 前履行完毕` },
    {
      kind: 'paragraph',
      text: '本协议经各方当事人签名（盖章或按指印）、人民调解员签名并加盖调解组织印章后生效，具有法律约束力，当事人应当按照约定履行（《人民调解法》第二十九条、第三十一条）。',
    },
    {
      kind: 'paragraph',
      text: '双方当事人可以自本协议生效之日起三十日内，共同向人民法院申请司法确认（《人民调解法》第三十三条）。',
    },
    { kind: 'signatures', rows: p.signatures },
    {
      kind: 'closing',
      lines: [
        p.orgName,
        p.mediatorName ? `人民调解员：${p.mediatorName}` : '',
        p.effectiveDay ? `${p.effectiveDay}` : '（尚未生效）',
      ].filter(Boolean),
    },
  ];
  const blocks: Block[] = [];
  for (let i = 0; i < p.copies; i++) {
    if (i > 0) blocks.push({ kind: 'pageBreak' });
    blocks.push(...copy(i));
  }
  return { title: '人民调解协议书', subtitle: `编号：${p.matterCode}`, blocks };
}
