import { AimOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Grid, Row, Spin, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { LocateResult } from '../../../../core/contracts/grids';
import { ApiError } from '../../api/client';
import { fetchBoundary, fetchGridGeoJson, geoKeys, gridKeys, listGrids, locate } from '../../api/grids';
import { useMe } from '../../app/auth';
import { useCounty } from '../../app/useCountyName';
import { useWindowHeight } from '../../components/useWindowHeight';
import { GridMap, type GridMapHandle, type LatLng, legendColors } from './GridMap';

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function Legend() {
  const line = (color: string | undefined, width: number) => (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 18,
        height: 0,
        borderTop: `${width}px solid ${color}`,
        marginInlineEnd: 6,
      }}
    />
  );
  return (
    <div
      aria-label="图例"
      role="note"
      style={{
        position: 'absolute',
        left: 8,
        bottom: 8,
        zIndex: 900,
        pointerEvents: 'none',
        background: 'rgba(255,255,255,0.9)',
        borderRadius: 4,
        padding: '4px 8px',
        fontSize: 12,
        lineHeight: '20px',
        boxShadow: '0 1px 3px rgba(0,0,0,0.15)',
      }}
    >
      <div>{line(legendColors.boundary, 3)}区（县）界</div>
      <div>{line(legendColors.grid, 1)}网格</div>
      <div>{line(legendColors.selected, 3)}查询所在网格</div>
    </div>
  );
}

function LocatePanel({
  point,
  result,
  error,
  loading,
}: {
  point: LatLng | null;
  result: LocateResult | undefined;
  error: Error | null;
  loading: boolean;
}) {
  const state = !point ? 'idle' : loading ? 'loading' : result ? 'ok' : error ? 'error' : 'idle';
  const outside = error instanceof ApiError && error.code === 'OUTSIDE_COUNTY';
  return (
    <section
      data-testid="locate-result"
      data-state={outside ? 'outside' : state}
      aria-live="polite"
      aria-busy={loading}
    >
      {!point && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          点击地图上任意位置，查询该位置所属的网格、村（社区）和镇（街道）。
        </Typography.Paragraph>
      )}
      {point && loading && <Spin size="small" description="正在查询…" />}
      {point && !loading && result && (
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 88 } }}
          items={[
            {
              key: 'grid',
              label: '网格',
              children: (
                <span data-testid="locate-grid">
                  {result.grid.name}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    {result.grid.code}
                  </Typography.Text>
                </span>
              ),
            },
            {
              key: 'village',
              label: '村（社区）',
              children: <span data-testid="locate-village">{result.village.name}</span>,
            },
            {
              key: 'town',
              label: '镇（街道）',
              children: <span data-testid="locate-town">{result.town.name}</span>,
            },
            { key: 'county', label: '县（区）', children: result.county.name },
            { key: 'point', label: '经纬度', children: `${point.lng.toFixed(5)}, ${point.lat.toFixed(5)}` },
          ]}
        />
      )}
      {point && !loading && error && (
        <Alert type={outside ? 'warning' : 'error'} showIcon title={error.message} />
      )}
    </section>
  );
}

export function MapPage() {
  const me = useMe();
  const county = useCounty(me.countyCode);
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.lg;
  const windowHeight = useWindowHeight();
  const [point, setPoint] = useState<LatLng | null>(null);
  const mapHandle = useRef<GridMapHandle>(null);

  const boundary = useQuery({
    queryKey: geoKeys.boundary(me.countyCode),
    queryFn: ({ signal }) => fetchBoundary(me.countyCode, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const grids = useQuery({
    queryKey: gridKeys.geojson(),
    queryFn: ({ signal }) => fetchGridGeoJson(undefined, signal),
    staleTime: 10 * 60_000,
  });
  // Whether the grids are the generated demo ones (a real install imports its own).
  const sample = useQuery({
    queryKey: gridKeys.list({ page: 1, pageSize: 1 }),
    queryFn: ({ signal }) => listGrids({ page: 1, pageSize: 1 }, signal),
    staleTime: 10 * 60_000,
  });
  const located = useQuery({
    queryKey: ['geo', 'locate', point?.lng, point?.lat],
    queryFn: ({ signal }) => locate(point!.lng, point!.lat, signal),
    enabled: point !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const pick = (p: LatLng) => setPoint({ lat: round6(p.lat), lng: round6(p.lng) });
  const mapHeight = isMobile
    ? Math.max(320, Math.round(windowHeight * 0.55))
    : Math.max(440, windowHeight - 190);
  const demo = sample.data?.items[0]?.generated !== false;
  const gridCount = grids.data?.features.length;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        网格地图
      </Typography.Title>
      {(boundary.isError || grids.isError) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="地图数据加载失败"
          description={(grids.error ?? boundary.error)?.message}
          action={
            <Button
              size="small"
              onClick={() => {
                void boundary.refetch();
                void grids.refetch();
              }}
            >
              重试
            </Button>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={17} xl={18}>
          <div style={{ position: 'relative' }}>
            <GridMap
              ref={mapHandle}
              boundary={boundary.data}
              grids={grids.data}
              point={point}
              selectedCode={located.data?.grid.code ?? null}
              pointLabel={
                located.isFetching
                  ? '正在查询…'
                  : located.data
                    ? located.data.grid.name
                    : located.error instanceof ApiError && located.error.code === 'OUTSIDE_COUNTY'
                      ? '不在本县（区）范围内'
                      : null
              }
              onPick={pick}
              center={county?.center ?? null}
              height={mapHeight}
            />
            <Legend />
            {(grids.isPending || boundary.isPending) && (
              <div style={{ position: 'absolute', top: 10, right: 10, zIndex: 900 }}>
                <Spin size="small" description="正在加载网格…" />
              </div>
            )}
          </div>
        </Col>
        <Col xs={24} lg={7} xl={6}>
          <Card size="small" title="位置查询">
            <LocatePanel
              point={point}
              result={located.data}
              error={located.error}
              loading={point !== null && located.isFetching}
            />
            <Button
              style={{ marginTop: 12 }}
              icon={<AimOutlined aria-hidden />}
              block
              onClick={() => {
                // Without a pointer: pan the map with the arrow keys, then ask about its centre.
                const c = mapHandle.current?.getCenter();
                if (c) pick(c);
              }}
              data-testid="locate-center"
            >
              查询地图中心位置
            </Button>
          </Card>
          <Card size="small" title="说明" style={{ marginTop: 16 }}>
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {gridCount !== undefined ? `辖区内共 ${gridCount} 个网格。` : '正在加载网格…'}
              鼠标移到网格上可高亮显示，点击可查询所在网格。
            </Typography.Paragraph>
            {demo && (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="demo-grid-note">
                演示网格为按真实区界自动生成，不代表实际网格划分；正式部署时导入本地网格数据。
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
