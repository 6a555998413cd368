/**
 * The dashboard's content, shared by the page (light, in the app frame) and the wall view (大屏, dark,
 * full screen): live counts, KPIs with 同比, trend and intake charts, the grid density map. Every
 * number opens the list of matters behind it (DrillDrawer).
 */
import { Alert, Button, Card, Col, Row, Spin, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DashboardFilter, DrillMeasure } from '../../api/dashboard';
import { ratioText, useBoardData } from './board-data';
import { DensityMap } from './DensityMap';
import { DrillDrawer } from './DrillDrawer';
import { EChart } from './EChart';

export function Change({
  points,
  change,
  small,
}: {
  points?: number | null;
  change?: number | null;
  small?: boolean;
}) {
  if (small) return <Tag>样本少，不计同比</Tag>;
  const v = points ?? (change === null || change === undefined ? null : change * 100);
  if (v === null || v === undefined) return <Tag>无同比</Tag>;
  const unit = points !== undefined ? ' 个百分点' : '%';
  return (
    <Tag color={v > 0 ? 'volcano' : v < 0 ? 'green' : 'default'}>
      同比 {v > 0 ? '+' : ''}
      {v.toFixed(1)}
      {unit}
    </Tag>
  );
}

export const kpiMeasure: Record<string, DrillMeasure> = {
  resolvedRate: 'resolved',
  satisfactionRate: 'satisfied',
  residentSatisfactionRate: 'satisfied',
  onBehalfRatingShare: 'ratedOnBehalf',
  reworkRate: 'reworked',
  followUpRate: 'followedUp',
  bothResolvedRate: 'bothResolved',
  villageLocalRate: 'villageClosedInVillage',
  townLocalRate: 'townClosedInTown',
  onTimeRate: 'overdue',
  supervisionOnTimeRate: 'supervised',
  petitionMediatedShare: 'petitionMediated',
  petitionWithdrawnShare: 'petitionWithdrawn',
};

export { ratioText };

export function DashboardBoard({ filter, dark }: { filter: DashboardFilter; dark?: boolean }) {
  const [drill, setDrill] = useState<{ measure: DrillMeasure; title: string } | null>(null);
  const navigate = useNavigate();
  const { kpis, live, grids, boundary, counts, density, trendOption, categoryOption, channelOption, error } =
    useBoardData(filter);
  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (!kpis.data || !live.data)
    return (
      <Spin tip="正在汇总…">
        <div style={{ height: 200 }} />
      </Spin>
    );
  const k = kpis.data;
  const open = (measure: DrillMeasure, title: string) => setDrill({ measure, title });
  const card = {
    size: 'small' as const,
    style: dark ? { background: '#0f2340', borderColor: '#1f3b63' } : undefined,
  };
  const clickable = { cursor: 'pointer' };

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8, color: dark ? '#9fb4d0' : undefined }}>
        {k.scope.org.name} · {k.period.from} 至 {k.period.to}（同比 {k.previousPeriod.from} 至{' '}
        {k.previousPeriod.to}）
        {k.scope.refreshedAt ? ` · 数据截至 ${new Date(k.scope.refreshedAt).toLocaleString('zh-CN')}` : ''}
      </Typography.Paragraph>
      <Row gutter={[8, 8]}>
        {(
          [
            ['unowned', '待受理/签收'],
            ['overdue', '超期'],
            ['supervised_open', '督办中'],
            ['awaitingVisit', '待回访'],
          ] as const
        ).map(([key, label]) => (
          <Col xs={12} md={6} key={key}>
            <Card
              {...card}
              hoverable
              onClick={() => open(key, label)}
              style={{ ...card.style, ...clickable }}
            >
              <Statistic
                title={label}
                value={live.data.counts[key === 'supervised_open' ? 'supervised' : key]}
                suffix="件"
                valueStyle={key === 'overdue' ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
        {k.counts.map((c) => (
          <Col xs={12} md={8} lg={4} key={c.key}>
            <Card
              {...card}
              hoverable
              onClick={() => open(c.key as DrillMeasure, c.label)}
              style={{ ...card.style, ...clickable }}
            >
              <Statistic title={c.label} value={c.current} suffix="件" />
              <Change change={c.change} small={c.smallSample} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
        {k.kpis.map((r) => (
          <Col xs={12} md={6} key={r.key}>
            <Card
              {...card}
              hoverable
              onClick={() => open(kpiMeasure[r.key] ?? 'intake', r.label)}
              style={{ ...card.style, ...clickable }}
            >
              <Tooltip title={`${r.current.num} / ${r.current.den}`}>
                <Statistic title={r.label} value={ratioText(r.current)} />
              </Tooltip>
              <Change points={r.points} small={r.current.smallSample || r.previous.smallSample} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={14}>
          <Card {...card} title="逐月趋势">
            <EChart
              option={trendOption}
              height={260}
              dark={dark}
              label="逐月受理、办结与按期办结率、满意率"
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card {...card} title="网格事项密度">
            <DensityMap
              grids={grids.data}
              boundary={boundary.data}
              counts={counts}
              max={density.data?.max ?? 0}
              height={260}
              dark={dark}
              onGrid={(gridId) => navigate(`/matters?gridId=${gridId}`)}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card {...card} title="受理类别（前十）">
            <EChart option={categoryOption} height={260} dark={dark} label="受理量最多的十个类别" />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card {...card} title="受理渠道">
            <EChart option={channelOption} height={260} dark={dark} label="按渠道的受理量" />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card {...card} title="积案账龄（在办）">
            {live.data.backlog.map((b) => (
              <Button
                key={b.key}
                type="text"
                block
                onClick={() => open(`backlog_${b.key}` as DrillMeasure, `积案 ${b.label}`)}
                style={{ display: 'flex', justifyContent: 'space-between' }}
              >
                <span>{b.label}</span>
                <strong>{b.count} 件</strong>
              </Button>
            ))}
          </Card>
        </Col>
      </Row>
      <DrillDrawer filter={filter} drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}
