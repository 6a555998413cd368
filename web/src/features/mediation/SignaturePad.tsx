import { Button, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * Signing on the screen (a phone or a tablet at the window): draw with a finger, mouse or pen. The
 * drawing is uploaded as a PNG and kept as the signature's image.
 */
export function SignaturePad({ onChange, label }: { onChange: (png: Blob | null) => void; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return [((e.clientX - r.left) * c.width) / r.width, ((e.clientY - r.top) * c.height) / r.height] as const;
  };
  const finish = () => {
    if (!drawing.current) return;
    drawing.current = false;
    canvas.current?.toBlob((b) => onChange(b), 'image/png');
  };
  const clear = () => {
    const c = canvas.current!;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    setEmpty(true);
    onChange(null);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <canvas
        ref={canvas}
        width={600}
        height={200}
        role="img"
        aria-label={`${label}签名区，请在此处手写签名`}
        data-testid="signature-pad"
        style={{
          width: '100%',
          maxWidth: 600,
          aspectRatio: '3 / 1',
          border: '1px dashed #999',
          touchAction: 'none',
          background: '#fff',
        }}
        onPointerDown={(e) => {
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          const ctx = canvas.current!.getContext('2d')!;
          const [x, y] = point(e);
          ctx.beginPath();
          ctx.moveTo(x, y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = canvas.current!.getContext('2d')!;
          const [x, y] = point(e);
          ctx.lineTo(x, y);
          ctx.stroke();
          setEmpty(false);
        }}
        onPointerUp={finish}
        onPointerLeave={finish}
      />
      <Button size="small" onClick={clear} disabled={empty}>
        重写
      </Button>
    </Space>
  );
}
