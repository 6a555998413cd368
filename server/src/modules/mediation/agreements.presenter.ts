import { type AgreementView, performanceLabels } from '../../../../core/contracts/mediation';
import { maskName } from '../../../../core/domain/masking';
import { missingSigners, signerLabels } from '../../../../core/domain/mediation/agreement';
import type { AgreementRow, SignatureRow } from './agreements.repo';

const roleWords: Record<string, string> = { applicant: '申请人', respondent: '被申请人', other: '第三人' };

/** Names are masked here as everywhere on screen; the printed agreement (PDF) carries them in full. */
export function presentAgreement(a: AgreementRow, signatures: SignatureRow[]): AgreementView {
  const label = (signer: string) => {
    if (signer === 'mediator' || signer === 'org') return signerLabels[signer];
    const p = a.content.parties.find((x) => `party:${x.partyId}` === signer);
    return p ? `${roleWords[p.role] ?? '当事人'} ${maskName(p.name)}` : '当事人';
  };
  return {
    id: a.id,
    matterId: a.matterId,
    form: a.form as 'written' | 'oral',
    status: a.status as 'draft' | 'effective',
    statusLabel: a.status === 'effective' ? '已生效' : '待签署',
    content: {
      ...a.content,
      parties: a.content.parties.map((p) => ({ ...p, name: maskName(p.name) ?? '' })),
    },
    copies: a.copies,
    signatures: signatures.map((s) => ({
      signer: s.signer,
      label: label(s.signer),
      method: s.method,
      signedAt: s.signedAt.toISOString(),
      attachmentId: s.attachmentId,
    })),
    missing:
      a.form === 'written' && a.status !== 'effective'
        ? missingSigners(
            a.content,
            signatures.map((s) => s.signer),
          ).map((s) => ({ signer: s, label: label(s) }))
        : [],
    effectiveAt: a.effectiveAt?.toISOString() ?? null,
    performance:
      a.performance && a.performanceCheckedAt
        ? {
            status: a.performance,
            label: performanceLabels[a.performance as keyof typeof performanceLabels] ?? a.performance,
            checkedAt: a.performanceCheckedAt.toISOString(),
          }
        : null,
    performanceDue: a.form === 'written' ? a.content.performance.deadline || null : null,
    createdAt: a.createdAt.toISOString(),
  };
}
