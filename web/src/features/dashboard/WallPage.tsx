import { ConfigProvider, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useMe } from '../../app/auth';
import { WALL_HEIGHT, WALL_WIDTH, WallBoard, wallColors } from './WallBoard';

/** How much the 1920×1080 design is scaled to fill the window (letterboxed, never scrolled). */
const scaleToWindow = () => Math.min(window.innerWidth / WALL_WIDTH, window.innerHeight / WALL_HEIGHT);

function useWallScale(): number {
  const [scale, setScale] = useState(scaleToWindow);
  useEffect(() => {
    const on = () => setScale(scaleToWindow());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return scale;
}

/**
 * 大屏: the district center's wall, dark and full screen, refreshed every minute, no menu. Laid out
 * once at 1920×1080 and scaled to the screen, so a 4K wall shows the same picture twice as sharp
 * (the charts draw at the scaled pixel ratio) and nothing ever scrolls.
 */
export function WallPage() {
  const me = useMe();
  const scale = useWallScale();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  const left = Math.max(0, (window.innerWidth - WALL_WIDTH * scale) / 2);
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div
        style={{ position: 'fixed', inset: 0, overflow: 'hidden', background: wallColors.page }}
        data-testid="wall"
      >
        <main
          style={{
            position: 'absolute',
            top: 0,
            left,
            width: WALL_WIDTH,
            height: WALL_HEIGHT,
            transform: `scale(${scale})`,
            transformOrigin: '0 0',
            padding: 16,
            boxSizing: 'border-box',
            display: 'flex',
            flexDirection: 'column',
            gap: 10,
          }}
        >
          <header
            style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', height: 46 }}
          >
            <h1 style={{ color: '#e6f0ff', fontSize: 32, margin: 0, fontWeight: 600 }}>
              {me.org?.name ?? ''}综治中心 · 指挥调度大屏
            </h1>
            <span style={{ color: wallColors.muted, fontSize: 20 }}>
              {now.toLocaleString('zh-CN', { dateStyle: 'long', timeStyle: 'short' })}
            </span>
          </header>
          <div style={{ flex: 1, minHeight: 0 }}>
            <WallBoard filter={{}} pixelRatio={(window.devicePixelRatio || 1) * scale} />
          </div>
        </main>
      </div>
    </ConfigProvider>
  );
}
