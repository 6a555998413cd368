/**
 * Warnings as a leader sees them: the acting org, the rule and grade in words, and the matters behind
 * it that he may open (code, title and status only; parties never appear here). Explanations carry no
 * personal data: the rules name people only by "同一反映人", never by name, phone or ID.
 */
import type { WarningStatus, WarningView } from '../../../../core/contracts/risk';
import {
  type RiskRule,
  riskRuleLabels,
  type WarningGrade,
  warningGradeLabels,
} from '../../../../core/domain/risk/model';
import type { Actor, Deps } from '../../context';
import { reviewLinks } from '../deliberation/review-agenda.service';
import { matterRowsByIds } from '../matters/query.service';
import { canSeeMatter } from '../matters/visibility';
import { orgRowsByIds } from '../orgs/orgs.service';
import type { WarningRow } from './risk.repo';

export async function presentWarnings(deps: Deps, actor: Actor, rows: WarningRow[]): Promise<WarningView[]> {
  const orgs = await orgRowsByIds(
    deps,
    rows.map((w) => w.targetOrgId),
  );
  const ms = (await Promise.all(rows.map((w) => matterRowsByIds(deps, w.countyCode, w.matterIds)))).flat();
  // The warnings an actor is shown are his county's (risk.repo reads them by county).
  const reviews = await reviewLinks(
    deps,
    actor.countyCode,
    rows.flatMap((w) => (w.agendaItemId ? [w.agendaItemId] : [])),
  );
  // A town leader sees a village's warning whole, but only the matters he may open are linked.
  const seen = new Map(ms.filter((m) => canSeeMatter(actor, m)).map((m) => [m.id, m]));
  return rows.map((w) => {
    const o = orgs.get(w.targetOrgId);
    return {
      id: w.id,
      rule: w.rule as RiskRule,
      ruleLabel: riskRuleLabels[w.rule as RiskRule] ?? w.rule,
      grade: w.grade as WarningGrade,
      gradeLabel: warningGradeLabels[w.grade as WarningGrade] ?? w.grade,
      targetOrg: {
        id: w.targetOrgId,
        name: o?.name ?? '（已撤销的组织）',
        kind: (o?.kind ?? 'district') as never,
        level: (o?.level ?? 'district') as never,
        divisionCode: o?.divisionCode ?? null,
      },
      explanation: w.explanation,
      matters: w.matterIds.flatMap((id) => {
        const m = seen.get(id);
        return m ? [{ id: m.id, code: m.code, title: m.title, status: m.status }] : [];
      }),
      matterCount: w.matterIds.length,
      status: w.status as WarningStatus,
      dismissalReason: w.dismissalReason,
      handledAt: w.handledAt?.toISOString() ?? null,
      review: (w.agendaItemId && reviews.get(w.agendaItemId)) || null,
      createdAt: w.createdAt.toISOString(),
      lastSeenAt: w.lastSeenAt.toISOString(),
    };
  });
}
