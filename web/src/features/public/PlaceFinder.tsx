/**
 * Ways to find the place besides tapping the map: by the village's (community's) or town's name, by
 * the phone's own position ("使用我的位置", with its accuracy), and from a typed address that names a
 * village. All offline: the names are the product's own (GET /api/geo/places).
 */
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type PlaceName, placeInAddress, searchPlaces } from '../../../../core/domain/geo/place-names';
import type { LatLng } from './PlaceMap';

export function PlaceFinder({
  places,
  address,
  onFound,
}: {
  places: PlaceName[] | undefined;
  address: string | undefined;
  /** The point found and how close to zoom (a village's middle, or the phone's position). */
  onFound: (p: LatLng, zoom: number) => void;
}) {
  const [q, setQ] = useState('');
  const [fix, setFix] = useState<{ state: 'idle' | 'asking' | 'ok' | 'error'; text?: string }>({
    state: 'idle',
  });
  const options = useMemo(
    () =>
      searchPlaces(q, places ?? [], 12).map((p) => ({
        value: p.id,
        label: p.town ? `${p.name}（${p.town}）` : p.name,
      })),
    [q, places],
  );
  const named = address && places ? placeInAddress(address, places) : null;

  const locateMe = () => {
    if (!('geolocation' in navigator)) {
      setFix({ state: 'error', text: '此浏览器不能定位，请在地图上点选或按名称查找。' });
      return;
    }
    setFix({ state: 'asking', text: '正在定位…' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const acc = Math.round(pos.coords.accuracy);
        setFix({
          state: 'ok',
          text:
            acc > 500
              ? `已定位，精度约 ${acc} 米，误差较大，请在地图上核对或点选准确位置。`
              : `已定位，精度约 ${acc} 米。`,
        });
        onFound({ lat: pos.coords.latitude, lng: pos.coords.longitude }, acc > 500 ? 13 : 16);
      },
      (err) =>
        setFix({
          state: 'error',
          text:
            err.code === err.PERMISSION_DENIED
              ? '未获得定位权限，请在地图上点选或按名称查找。'
              : '暂时无法定位，请在地图上点选或按名称查找。',
        }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div style={{ marginBottom: 8 }}>
      <AutoComplete
        value={q}
        options={options}
        onSearch={setQ}
        onChange={setQ}
        onSelect={(id: string) => {
          const p = places?.find((x) => x.id === id);
          if (!p) return;
          setQ(p.name);
          onFound({ lat: p.lat, lng: p.lng }, p.level === 'village' ? 15 : 13);
        }}
        placeholder="输入村（社区）或镇（街道）名称查找"
        aria-label="按村（社区）、镇（街道）名称查找地点"
        style={{ width: '100%' }}
        data-testid="place-search"
        notFoundContent={q.trim() ? '没有找到这个地名' : null}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Button
          icon={<AimOutlined aria-hidden />}
          onClick={locateMe}
          loading={fix.state === 'asking'}
          data-testid="my-location"
        >
          使用我的位置
        </Button>
        {named && (
          <Button
            icon={<EnvironmentOutlined aria-hidden />}
            type="link"
            onClick={() => onFound({ lat: named.lat, lng: named.lng }, named.level === 'village' ? 15 : 13)}
            data-testid="address-place"
          >
            在地图上找到“{named.name}”
          </Button>
        )}
      </Space>
      {fix.text && (
        <Typography.Paragraph
          type={fix.state === 'error' ? 'danger' : 'secondary'}
          style={{ margin: '4px 0 0' }}
          aria-live="polite"
          data-testid="my-location-result"
          data-state={fix.state}
        >
          {fix.text}
        </Typography.Paragraph>
      )}
    </div>
  );
}
