/** Plain Chinese for a routing rule's condition and target (the table and the test box share it). */
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import { matterKindLabels, riskGradeLabels } from '../../../../core/domain/matters/model';
import { levelLabels } from '../../../../core/domain/orgs';
import type { RoutingRule } from '../../api/config';

const flagLabels: Record<string, string> = {
  collective: '集体事项',
  crossTown: '跨镇（街道）',
  departmentOwned: '属部门职责',
  urgent: '紧急',
};

export function conditionText(w: RoutingRule['when']): string {
  const parts: string[] = [];
  if (w.kinds?.length) parts.push(`类型：${w.kinds.map((k) => matterKindLabels[k]).join('、')}`);
  if (w.categoryCodes?.length)
    parts.push(`类别：${w.categoryCodes.map((c) => categoryByCode(c)?.name ?? c).join('、')}`);
  if (w.riskGrades?.length) parts.push(`风险：${w.riskGrades.map((g) => riskGradeLabels[g]).join('、')}`);
  if (w.receivedAt?.length) parts.push(`受理层级：${w.receivedAt.map((l) => levelLabels[l]).join('、')}`);
  for (const [k, v] of Object.entries(w.flags ?? {}))
    if (v !== undefined) parts.push(`${v ? '' : '非'}${flagLabels[k] ?? k}`);
  return parts.length ? parts.join('；') : '任何事项';
}

export function targetText(t: RoutingRule['target']): string {
  return `${levelLabels[t.level]}${t.department ? ` · ${t.department}` : ''}`;
}
