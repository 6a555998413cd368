/**
 * Storing what the rules raised, with dedup: one open warning per condition (dedup key), refreshed
 * by later runs (grade up, matters joined, explanation current); a condition already dismissed or
 * handled is raised again only when matters it did not have join it — otherwise a false alarm a
 * leader dismissed would come back after every sweep.
 */
import { randomUUID } from 'node:crypto';
import {
  maxGrade,
  type RiskWarning,
  riskRuleLabels,
  warningGradeLabels,
} from '../../../../core/domain/risk/model';
import type { Deps, RequestCtx } from '../../context';
import type { Tx } from '../../db/client';
import { recordEvent } from '../events/events.service';
import * as repo from './risk.repo';

export async function storeWarnings(
  tx: Tx,
  deps: Deps,
  countyCode: string,
  warnings: RiskWarning[],
  now: Date,
): Promise<{ raised: number; updated: number }> {
  const ctx: RequestCtx = { requestId: `risk-${now.toISOString()}`, ip: null, actor: null };
  const known = await repo.warningsByKeys(tx, countyCode, [...new Set(warnings.map((w) => w.dedupKey))]);
  const byKey = new Map<string, repo.WarningRow[]>();
  for (const k of known) byKey.set(k.dedupKey, [...(byKey.get(k.dedupKey) ?? []), k]);
  const paths = await repo.orgPaths(tx, [...new Set(warnings.map((w) => w.targetOrgId))]);
  let raised = 0;
  let updated = 0;
  for (const w of warnings) {
    const targetPath = paths.get(w.targetOrgId);
    if (!targetPath) continue;
    const same = byKey.get(w.dedupKey) ?? [];
    const open = same.find((k) => k.status === 'open');
    if (open) {
      const ids = [...new Set([...open.matterIds, ...w.matterIds])];
      const grade = maxGrade(open.grade as RiskWarning['grade'], w.grade);
      await repo.refreshWarning(tx, countyCode, open.id, {
        grade,
        explanation: w.explanation,
        matterIds: ids,
        targetOrgId: grade === w.grade ? w.targetOrgId : open.targetOrgId,
        targetPath: grade === w.grade ? targetPath : open.targetPath,
        lastSeenAt: now,
      });
      updated++;
      continue;
    }
    const handled = new Set(same.flatMap((k) => k.matterIds));
    if (same.length > 0 && w.matterIds.every((id) => handled.has(id))) continue;
    const row: repo.WarningRow = {
      countyCode,
      id: randomUUID(),
      rule: w.rule,
      grade: w.grade,
      dedupKey: w.dedupKey,
      targetOrgId: w.targetOrgId,
      targetPath,
      explanation: w.explanation,
      matterIds: w.matterIds,
      status: 'open',
      dismissalReason: null,
      handledBy: null,
      handledAt: null,
      meetingId: null,
      agendaItemId: null,
      createdAt: now,
      lastSeenAt: now,
    };
    await repo.insertWarning(tx, row);
    // Two findings of one condition in the same run (rare) become one warning.
    byKey.set(w.dedupKey, [...same, row]);
    const id = row.id;
    await recordEvent(tx, ctx, deps.clock, {
      countyCode,
      action: 'risk.warning_raised',
      objectType: 'risk_warning',
      objectId: id,
      reason: `${warningGradeLabels[w.grade]}预警·${riskRuleLabels[w.rule]}：${w.explanation}`,
      after: { rule: w.rule, grade: w.grade, targetOrgId: w.targetOrgId, matterIds: w.matterIds },
    });
    raised++;
  }
  return { raised, updated };
}
