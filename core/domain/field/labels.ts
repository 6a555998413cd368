/**
 * The grid worker's kinds of log and ways of consent, with their words: apart from the contract's
 * schemas so the phone's light entry (web/field.html) can show them without loading the validator.
 */
export const fieldLogKinds = ['patrol', 'visit', 'note'] as const;
export type FieldLogKind = (typeof fieldLogKinds)[number];
export const fieldLogKindLabels: Record<FieldLogKind, string> = {
  patrol: '巡查',
  visit: '走访',
  note: '工作笔记',
};

export const consentMethods = ['oral', 'signed', 'fingerprint'] as const;
export const consentMethodLabels: Record<(typeof consentMethods)[number], string> = {
  oral: '口头同意（已向本人宣读）',
  signed: '本人签字',
  fingerprint: '本人按手印',
};
