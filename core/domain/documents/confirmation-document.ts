/**
 * 司法确认申请书 (人民调解法 art. 33; 民事诉讼法 art. 205–206): the joint application of the parties to
 * the court, with who they are, what they ask, the agreement and their undertaking.
 */
import type { ConfirmationApplication } from '../../contracts/court';
import type { DocumentModel } from './model';

const roleWords = {
  applicant: '申请人',
  respondent: '申请人（原被申请人）',
  third_party: '申请人（第三人）',
} as const;

export function confirmationApplicationDocument(
  a: ConfirmationApplication,
  p: { courtName: string; agreedDay: string; today: string },
): DocumentModel {
  return {
    title: '司法确认申请书',
    subtitle: `事项编号：${a.matterCode}`,
    blocks: [
      ...a.parties.map((x) => ({
        kind: 'field' as const,
        label: roleWords[x.role],
        value: `${x.name}，公民身份号码 ${x.idNumber}，联系电话 ${x.phone}，送达地址 ${x.serviceAddress}`,
      })),
      { kind: 'heading', text: '请求事项' },
      {
        kind: 'paragraph',
        text: `请求确认申请人于${p.agreedDay}经${a.mediationOrg.name}主持调解达成的调解协议有效。`,
      },
      { kind: 'heading', text: '事实和理由' },
      {
        kind: 'paragraph',
        text: `申请人之间的纠纷经${a.mediationOrg.name}${a.mediator ? `人民调解员${a.mediator.name}` : ''}主持调解，于${p.agreedDay}达成调解协议，协议内容如下：`,
      },
      { kind: 'list', items: a.agreement.terms.map((t, n) => `${n + 1}. ${t}`) },
      { kind: 'field', label: '履行方式和期限', value: a.agreement.performance },
      {
        kind: 'paragraph',
        text: '申请人依照《人民调解法》第三十三条、《民事诉讼法》第二百零五条的规定，自调解协议生效之日起三十日内共同提出申请。',
      },
      {
        kind: 'paragraph',
        text: '申请人承诺：出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；如因虚假陈述等原因导致确认裁定错误，愿意承担相应的民事责任和其他法律责任。',
      },
      { kind: 'paragraph', text: `此致\n${p.courtName}` },
      {
        kind: 'signatures',
        rows: a.parties.map((x) => ({ label: '申请人', name: x.name, how: '', at: null, imageId: null })),
      },
      { kind: 'closing', lines: [p.today] },
    ],
  };
}
