/**
 * Where the grid worker stands, for a report or a log entry: a button that asks the phone for its
 * position, the coordinates once found (with their accuracy), and why not (or what happens without).
 */
import { Button } from '../../phone/kit/Button';
import type { usePosition } from './useFieldStore';

export function PositionPicker({
  gps,
  label,
  withoutPosition,
}: {
  gps: ReturnType<typeof usePosition>;
  label: string;
  /** What happens when no position is taken (shown until one is). */
  withoutPosition?: string;
}) {
  const note = gps.error ?? (gps.position ? null : (withoutPosition ?? null));
  return (
    <div className="zz-field">
      <div className="zz-label">{label}</div>
      <div className="zz-row">
        <Button onClick={gps.locate} loading={gps.locating}>
          {gps.position ? '重新定位' : '获取当前位置'}
        </Button>
        {gps.position ? (
          <span data-testid="field-position">
            {gps.position.lng.toFixed(5)}, {gps.position.lat.toFixed(5)}（约{' '}
            {Math.round(gps.position.accuracy)} 米）
          </span>
        ) : null}
      </div>
      {note ? <div className="zz-field-extra">{note}</div> : null}
    </div>
  );
}
