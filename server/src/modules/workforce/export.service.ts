/**
 * XLSX export of a period's assessment (考核表): one line per worker with the measures, the parts of
 * the score, the total and the place in the town. Staff names only (no contact); every text cell is
 * neutralised against formula injection; every export is recorded in the event log.
 */
import ExcelJS from 'exceljs';
import { safeCellText } from '../../../../core/domain/export/safe-cell';
import { workerStatusLabels } from '../../../../core/domain/workforce/status';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { recordEvent } from '../events/events.service';
import { assessment } from './workforce.service';

export async function exportAssessment(
  deps: Deps,
  ctx: RequestCtx,
  q: { period: string; orgId?: string },
): Promise<{ fileName: string; data: Buffer; rows: number }> {
  const view = await assessment(deps, ctx, q);
  const actor = requireActor(ctx);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zongzhi';
  const ws = wb.addWorksheet('网格员考核');
  ws.columns = [
    { header: '乡镇（街道）', key: 'town', width: 14 },
    { header: '名次', key: 'rank', width: 6 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '村（社区）', key: 'org', width: 16 },
    { header: '状态', key: 'status', width: 6 },
    { header: '巡查', key: 'patrols', width: 10 },
    { header: '走访', key: 'visits', width: 10 },
    { header: '重点人员跟进', key: 'followUps', width: 12 },
    { header: '上报', key: 'reports', width: 6 },
    { header: '及时上报', key: 'timely', width: 8 },
    { header: '有效上报', key: 'valid', width: 8 },
    { header: '履职得分', key: 'measured', width: 8 },
    { header: '镇街评价', key: 'townPoints', width: 8 },
    { header: '总分', key: 'total', width: 8 },
  ];
  const sorted = [...view.rows].sort(
    (a, b) => (a.town?.name ?? '').localeCompare(b.town?.name ?? '', 'zh-CN') || a.rank - b.rank,
  );
  for (const r of sorted) {
    const p = r.performance;
    ws.addRow({
      town: safeCellText(r.town?.name ?? ''),
      rank: r.rank,
      name: safeCellText(r.displayName),
      org: safeCellText(r.org.name),
      status: workerStatusLabels[r.status],
      patrols: `${p.patrols}/${p.patrolsDue}`,
      visits: `${p.visits}/${p.visitsDue}`,
      followUps: `${p.followUps}/${p.followUpsDue}`,
      reports: p.reports,
      timely: p.timelyReports,
      valid: p.validReports,
      measured: Math.round((r.total - r.parts.town) * 10) / 10,
      townPoints: r.townAssessed ? r.parts.town : '未评',
      total: r.total,
    });
  }
  ws.getRow(1).font = { bold: true };
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'workforce.assessment_exported',
      objectType: 'workforce',
      objectId: view.period,
      after: { period: view.period, orgId: q.orgId ?? actor.orgId, rows: view.rows.length },
    }),
  );
  deps.kickSealer();
  return { fileName: `网格员考核-${view.period}.xlsx`, data, rows: view.rows.length };
}
