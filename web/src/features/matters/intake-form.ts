import { type IntakeBody, intakeBodySchema, partyInputSchema } from '../../../../core/contracts/matters';
import type { Channel, MatterKind, RiskGrade } from '../../../../core/domain/matters/model';
import type { IntakeResult } from '../../api/matters';

export type PartyRole = 'applicant' | 'respondent' | 'other';

export interface PartyValues {
  role: PartyRole;
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
  representative?: boolean;
}

export interface IntakeValues {
  kind: MatterKind;
  channel: Channel;
  categoryCode?: string;
  serviceCode?: string;
  title: string;
  description: string;
  riskGrade?: RiskGrade;
  urgent: boolean;
  villageId?: string;
  address?: string;
  applicantCount?: number | null;
  /** 收到之日 (YYYY-MM-DD) when earlier than today: a letter, a transfer slip (信访工作条例 art. 22–23). */
  receivedDate?: string;
  receiptEvidence?: string;
  parties: PartyValues[];
}

/** What the matter page shows once after a successful intake. */
export interface IntakeNotice {
  code: string;
  duplicates: IntakeResult['duplicates'];
  /** A petitioner's query code, shown once: written on his 受理告知书 so he can follow it online. */
  trackingSecret?: string | null;
}

export const partyRoleLabels: Record<PartyRole, string> = {
  applicant: '反映人（申请人）',
  respondent: '被反映人（被申请人）',
  other: '其他当事人',
};

export const shape = intakeBodySchema.shape;
export const partyShape = partyInputSchema.shape;
/** Form fields a server validation error can point at. */
export const topFields = [
  'kind',
  'channel',
  'categoryCode',
  'serviceCode',
  'title',
  'description',
  'riskGrade',
  'receiptEvidence',
];

function blankToUndefined(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** The form's values as the intake API takes them: trimmed, blanks dropped, the receipt day in Beijing time. */
export function toBody(v: IntakeValues): IntakeBody {
  return {
    kind: v.kind,
    channel: v.channel,
    categoryCode: v.categoryCode ?? '',
    serviceCode: v.serviceCode || undefined,
    title: v.title.trim(),
    description: v.description.trim(),
    riskGrade: v.riskGrade,
    urgent: v.urgent || undefined,
    place: { villageId: v.villageId || undefined, address: blankToUndefined(v.address) },
    parties: v.parties.map((p) => ({
      role: p.role,
      name: (p.name ?? '').trim(),
      phone: blankToUndefined(p.phone),
      idNumber: blankToUndefined(p.idNumber)?.toUpperCase(),
      address: blankToUndefined(p.address),
      representative: p.representative || undefined,
    })),
    applicantCount: v.applicantCount ?? undefined,
    // The day in Beijing time; the clocks count from the next day (docs/LEGAL.md §0).
    ...(v.receivedDate
      ? {
          receivedAt: new Date(`${v.receivedDate}T00:00:00+08:00`).toISOString(),
          receiptEvidence: blankToUndefined(v.receiptEvidence),
        }
      : {}),
  };
}
