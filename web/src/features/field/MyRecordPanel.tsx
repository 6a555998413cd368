/**
 * 我的考核: the worker's own line of the town's assessment (last month by default), read when online.
 * The figures are the server's (core/domain/workforce); the phone only shows them.
 */
import { useState } from 'react';
import { previousMonth } from '../../../../core/domain/workforce/period';
import { fetchMyRecord } from '../../api/workforce';
import { useFetch } from '../../phone/fetch';
import { Panel } from './Panel';

function lastMonths(n: number): string[] {
  const out: string[] = [];
  let at = new Date();
  for (let i = 0; i < n; i++) {
    const key = previousMonth(at);
    out.push(key);
    at = new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5)) - 1, 15));
  }
  return out;
}

export function MyRecordPanel() {
  const options = lastMonths(6);
  const [period, setPeriod] = useState(options[0]!);
  // Not retried: offline it says 联网后显示 at once.
  const rec = useFetch(`my-record:${period}`, () => fetchMyRecord(period), { retry: () => false });
  const row = rec.data?.row;
  const p = row?.performance;
  return (
    <Panel
      title="我的考核"
      testId="my-record"
      extra={
        // A native select: on a phone the system's own picker.
        <select
          className="zz-input zz-select"
          style={{ width: 'auto', minHeight: 32, padding: '2px 8px' }}
          aria-label="考核月份"
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      }
    >
      {rec.isError ? (
        <p className="zz-muted" style={{ margin: 0 }}>
          联网后显示
        </p>
      ) : !row || !p ? (
        <p className="zz-muted" style={{ margin: 0 }}>
          {rec.isPending ? '正在读取…' : '本月暂无考核记录'}
        </p>
      ) : (
        <div style={{ lineHeight: 1.9 }}>
          <div>
            总分 <strong style={{ fontSize: 20 }}>{row.total}</strong> 分，乡镇内第 {row.rank} 名（共{' '}
            {row.rankOf} 人）
          </div>
          <div>
            巡查 {p.patrols}/{p.patrolsDue} 次 · 走访 {p.visits}/{p.visitsDue} 户次 · 重点人员跟进{' '}
            {p.followUps}/{p.followUpsDue} 次
          </div>
          <div>
            上报 {p.reports} 件（及时 {p.timelyReports}，有效 {p.validReports}，已办结 {p.resolvedReports}）
          </div>
          <div>
            镇街评价：{row.townAssessed ? `${row.parts.town} 分` : '未评'}
            {row.townNote ? `（${row.townNote}）` : ''}
          </div>
        </div>
      )}
    </Panel>
  );
}
