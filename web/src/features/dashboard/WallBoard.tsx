/**
 * The wall (大屏) layout of the dashboard: one 1920×1080 design that WallPage scales to the screen,
 * so it fits 1920×1080 and 3840×2160 alike without scrolling. Colours are chosen for the dark blue
 * (every text at 4.5:1 or better); a count is red only when it is late work that is actually there.
 */
import { Alert, Spin } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useState } from 'react';
import type { DashboardFilter, DrillMeasure } from '../../api/dashboard';
import { ratioText, useBoardData } from './board-data';
import { kpiMeasure } from './DashboardBoard';
import { DensityMap } from './DensityMap';
import { DrillDrawer } from './DrillDrawer';
import { EChart } from './EChart';

export const WALL_WIDTH = 1920;
export const WALL_HEIGHT = 1080;

export const wallColors = {
  page: '#06152b',
  card: '#0f2340',
  border: '#2a4a78',
  title: '#c9d8ee',
  value: '#ffffff',
  muted: '#a9bdd8',
  alarm: '#ff8a80',
  up: '#ffb199',
  down: '#8fe388',
};

const tileStyle: CSSProperties = {
  background: wallColors.card,
  border: `1px solid ${wallColors.border}`,
  borderRadius: 6,
  padding: '10px 14px',
  textAlign: 'left',
  cursor: 'pointer',
  color: wallColors.value,
  font: 'inherit',
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'flex-start',
  gap: 4,
  minWidth: 0,
};

function Tile({
  title,
  value,
  alarm,
  note,
  onOpen,
  testId,
}: {
  title: string;
  value: string;
  alarm?: boolean;
  note?: ReactNode;
  onOpen: () => void;
  testId: string;
}) {
  return (
    <button type="button" style={tileStyle} onClick={onOpen} data-testid={testId}>
      <span style={{ color: wallColors.title, fontSize: 18, whiteSpace: 'nowrap' }}>{title}</span>
      <span
        style={{
          color: alarm ? wallColors.alarm : wallColors.value,
          fontSize: 36,
          fontWeight: 600,
          lineHeight: 1.2,
        }}
      >
        {value}
      </span>
      {note && <span style={{ fontSize: 14, color: wallColors.muted }}>{note}</span>}
    </button>
  );
}

function ChangeNote({
  points,
  change,
  small,
}: {
  points?: number | null;
  change?: number | null;
  small?: boolean;
}) {
  if (small) return <>样本少，不计同比</>;
  const v = points ?? (change === null || change === undefined ? null : change * 100);
  if (v === null || v === undefined) return <>无同比</>;
  const unit = points !== undefined ? ' 个百分点' : '%';
  return (
    <span style={{ color: v > 0 ? wallColors.up : v < 0 ? wallColors.down : wallColors.muted }}>
      同比 {v > 0 ? '+' : ''}
      {v.toFixed(1)}
      {unit}
    </span>
  );
}

function Panel({ title, children, style }: { title: string; children: ReactNode; style?: CSSProperties }) {
  return (
    <section
      aria-label={title}
      style={{
        background: wallColors.card,
        border: `1px solid ${wallColors.border}`,
        borderRadius: 6,
        padding: '6px 10px 8px',
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        ...style,
      }}
    >
      <h2 style={{ color: wallColors.title, fontSize: 18, fontWeight: 500, margin: '0 0 6px' }}>{title}</h2>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
    </section>
  );
}

/** Chart heights in the 1080 px design: two rows of panels under two rows of tiles. */
const CHART_HEIGHT = 292;
const MAP_HEIGHT = CHART_HEIGHT * 2 + 52;

export function WallBoard({ filter, pixelRatio }: { filter: DashboardFilter; pixelRatio: number }) {
  const [drill, setDrill] = useState<{ measure: DrillMeasure; title: string } | null>(null);
  const d = useBoardData(filter);
  if (d.error) return <Alert type="error" showIcon message={d.error.message} />;
  if (!d.kpis.data || !d.live.data)
    return (
      <Spin tip="正在汇总…">
        <div style={{ height: 200 }} />
      </Spin>
    );
  const k = d.kpis.data;
  const live = d.live.data;
  const open = (measure: DrillMeasure, title: string) => setDrill({ measure, title });
  const liveTiles = [
    ['unowned', '待受理/签收', live.counts.unowned, false],
    ['overdue', '超期', live.counts.overdue, true],
    ['supervised_open', '督办中', live.counts.supervised, true],
    ['awaitingVisit', '待回访', live.counts.awaitingVisit, false],
  ] as const;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10, height: '100%', minHeight: 0 }}>
      <p style={{ color: wallColors.muted, fontSize: 16, margin: 0 }} data-testid="wall-scope">
        {k.scope.org.name} · {k.period.from} 至 {k.period.to}（同比 {k.previousPeriod.from} 至{' '}
        {k.previousPeriod.to}）
        {k.scope.refreshedAt ? ` · 数据截至 ${new Date(k.scope.refreshedAt).toLocaleString('zh-CN')}` : ''}
      </p>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${liveTiles.length + k.counts.length}, minmax(0, 1fr))`,
          gap: 10,
          height: 118,
        }}
      >
        {liveTiles.map(([key, label, n, alarm]) => (
          <Tile
            key={key}
            testId={`wall-live-${key}`}
            title={label}
            value={`${n} 件`}
            alarm={alarm && n > 0}
            onOpen={() => open(key, label)}
          />
        ))}
        {k.counts.map((c) => (
          <Tile
            key={c.key}
            testId={`wall-count-${c.key}`}
            title={c.label}
            value={`${c.current} 件`}
            note={<ChangeNote change={c.change} small={c.smallSample} />}
            onOpen={() => open(c.key as DrillMeasure, c.label)}
          />
        ))}
      </div>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${k.kpis.length}, minmax(0, 1fr))`,
          gap: 10,
          height: 118,
        }}
      >
        {k.kpis.map((r) => (
          <Tile
            key={r.key}
            testId={`wall-kpi-${r.key}`}
            title={r.label}
            value={ratioText(r.current)}
            note={<ChangeNote points={r.points} small={r.current.smallSample || r.previous.smallSample} />}
            onOpen={() => open(kpiMeasure[r.key] ?? 'intake', r.label)}
          />
        ))}
      </div>
      <div
        style={{
          flex: 1,
          minHeight: 0,
          display: 'grid',
          gridTemplateColumns: '5fr 4fr 3fr',
          gridTemplateRows: 'minmax(0, 1fr) minmax(0, 1fr)',
          gap: 10,
        }}
      >
        <Panel title="逐月趋势">
          <EChart
            option={d.trendOption}
            height={CHART_HEIGHT}
            dark
            pixelRatio={pixelRatio}
            label="逐月受理、办结与按期办结率、满意率"
          />
        </Panel>
        <Panel title="网格事项密度" style={{ gridRow: 'span 2' }}>
          <DensityMap
            grids={d.grids.data}
            boundary={d.boundary.data}
            counts={d.counts}
            max={d.density.data?.max ?? 0}
            height={MAP_HEIGHT}
            dark
          />
        </Panel>
        <Panel title="受理渠道">
          <EChart
            option={d.channelOption}
            height={CHART_HEIGHT}
            dark
            pixelRatio={pixelRatio}
            label="按渠道的受理量"
          />
        </Panel>
        <Panel title="受理类别（前十）">
          <EChart
            option={d.categoryOption}
            height={CHART_HEIGHT}
            dark
            pixelRatio={pixelRatio}
            label="受理量最多的十个类别"
          />
        </Panel>
        <Panel title="积案账龄（在办）">
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {live.backlog.map((b) => (
              <li key={b.key}>
                <button
                  type="button"
                  onClick={() => open(`backlog_${b.key}` as DrillMeasure, `积案 ${b.label}`)}
                  style={{
                    ...tileStyle,
                    flexDirection: 'row',
                    width: '100%',
                    padding: '8px 12px',
                    marginBottom: 8,
                    fontSize: 18,
                  }}
                >
                  <span style={{ color: wallColors.title }}>{b.label}</span>
                  <strong style={{ color: wallColors.value }}>{b.count} 件</strong>
                </button>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
      <DrillDrawer filter={filter} drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
