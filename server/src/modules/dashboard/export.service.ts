/**
 * XLSX export of the matters behind a dashboard figure. Masked by default: the sheet carries what the
 * drill-down list shows (no party's name, phone or ID); every export is recorded in the event log with
 * its filter and row count; every text cell is neutralised against formula injection.
 */
import ExcelJS from 'exceljs';
import type { DashboardFilter } from '../../../../core/contracts/dashboard';
import { safeCellText } from '../../../../core/domain/export/safe-cell';
import { channelLabels, matterKindLabels, matterStatusLabels } from '../../../../core/domain/matters/model';
import { requireActor } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { requireStepUp } from '../auth/two-factor.service';
import { recordEvent } from '../events/events.service';
import { summariesByIds } from '../matters/query.service';
import { scopeOf } from './dashboard.service';
import * as liveRepo from './live.repo';

/** One sheet stays small enough to open on an office PC. */
export const EXPORT_LIMIT = 5000;

export async function exportDrill(
  deps: Deps,
  ctx: RequestCtx,
  q: DashboardFilter & { measure: string },
): Promise<{ fileName: string; data: Buffer; rows: number }> {
  const s = await scopeOf(deps, ctx, q);
  const actor = requireActor(ctx);
  await requireStepUp(deps, ctx);
  const ids = await liveRepo.drill(
    deps.database.db,
    s.where,
    q.measure,
    s.cur,
    deps.clock.now(),
    EXPORT_LIMIT,
    0,
  );
  const items = await summariesByIds(deps, ctx, ids);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zongzhi';
  const ws = wb.addWorksheet('事项清单');
  ws.columns = [
    { header: '事项编号', key: 'code', width: 20 },
    { header: '标题', key: 'title', width: 36 },
    { header: '类型', key: 'kind', width: 12 },
    { header: '渠道', key: 'channel', width: 10 },
    { header: '类别', key: 'category', width: 16 },
    { header: '状态', key: 'status', width: 10 },
    { header: '乡镇', key: 'town', width: 14 },
    { header: '村（社区）', key: 'village', width: 14 },
    { header: '承办单位', key: 'owner', width: 22 },
    { header: '登记时间', key: 'createdAt', width: 20 },
  ];
  for (const m of items) {
    const text = (v: string | null) => safeCellText(v ?? '');
    ws.addRow({
      code: text(m.code),
      title: text(m.title),
      kind: matterKindLabels[m.kind],
      channel: channelLabels[m.channel],
      category: text(m.categoryName),
      status: matterStatusLabels[m.status],
      town: text(m.town),
      village: text(m.village),
      owner: text(m.owner.name),
      createdAt: new Date(m.createdAt),
    });
  }
  ws.getColumn('createdAt').numFmt = 'yyyy-mm-dd hh:mm';
  ws.getRow(1).font = { bold: true };
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await deps.database.transaction((tx) =>
    recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'dashboard.exported',
      objectType: 'dashboard',
      objectId: q.measure,
      after: { filter: { ...q }, scope: s.org.id, rows: items.length, masked: true },
    }),
  );
  deps.kickSealer();
  return { fileName: `事项清单-${q.measure}-${s.cur.from}至${s.cur.to}.xlsx`, data, rows: items.length };
}
