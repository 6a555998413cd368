/**
 * Ways to find the place besides tapping the map: by the village's (community's) or town's name, by
 * the phone's own position ("使用我的位置", with its accuracy), and from a typed address that names a
 * village. All offline: the names are the product's own (GET /api/geo/places).
 */
import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { type PlaceName, placeInAddress, searchPlaces } from '../../../../core/domain/geo/place-names';
import { Button } from '../../phone/kit/Button';
import { Icon } from '../../phone/kit/icons';
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
  const listId = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [fix, setFix] = useState<{ state: 'idle' | 'asking' | 'ok' | 'error'; text?: string }>({
    state: 'idle',
  });
  const found = useMemo(() => searchPlaces(q, places ?? [], 12), [q, places]);
  const named = address && places ? placeInAddress(address, places) : null;

  const choose = (p: PlaceName) => {
    setQ(p.name);
    setOpen(false);
    onFound({ lat: p.lat, lng: p.lng }, p.level === 'village' ? 15 : 13);
  };
  // A combobox as WAI-ARIA describes it: the arrows move through the names, Enter takes one.
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open || found.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + found.length) % found.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const p = found[active];
      if (p) choose(p);
    } else if (e.key === 'Escape') setOpen(false);
  };

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

  const showList = open && q.trim() !== '';
  return (
    <div style={{ marginBottom: 8 }}>
      <div data-testid="place-search">
        <input
          className="zz-input"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && found[active] ? `${listId}-${active}` : undefined}
          aria-label="按村（社区）、镇（街道）名称查找地点"
          placeholder="输入村（社区）或镇（街道）名称查找"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKey}
        />
        {showList && found.length === 0 && (
          <div className="zz-combo-list zz-muted" role="status">
            没有找到这个地名
          </div>
        )}
        {showList && found.length > 0 && (
          <div id={listId} role="listbox" aria-label="找到的地点" className="zz-combo-list">
            {found.map((p, i) => (
              // The input keeps the keyboard (arrows, Enter, aria-activedescendant); a tap picks the name.
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled on the combobox input.
              <div
                key={p.id}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(p)}
              >
                {p.town ? `${p.name}（${p.town}）` : p.name}
              </div>
            ))}
          </div>
        )}
      </div>
      <div className="zz-row" style={{ marginTop: 8 }}>
        <Button
          icon={<Icon name="aim" />}
          onClick={locateMe}
          loading={fix.state === 'asking'}
          data-testid="my-location"
        >
          使用我的位置
        </Button>
        {named && (
          <Button
            icon={<Icon name="pin" />}
            variant="link"
            onClick={() => onFound({ lat: named.lat, lng: named.lng }, named.level === 'village' ? 15 : 13)}
            data-testid="address-place"
          >
            在地图上找到“{named.name}”
          </Button>
        )}
      </div>
      {fix.text && (
        <p
          className={fix.state === 'error' ? 'zz-danger' : 'zz-muted'}
          style={{ margin: '4px 0 0' }}
          aria-live="polite"
          data-testid="my-location-result"
          data-state={fix.state}
        >
          {fix.text}
        </p>
      )}
    </div>
  );
}
