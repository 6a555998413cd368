/** Waiting for an answer: a turning ring and the words, announced politely. */
export function Spin({ tip = '正在加载…', small = false }: { tip?: string; small?: boolean }) {
  return (
    <div className={small ? 'zz-spin zz-spin-small' : 'zz-spin'} role="status">
      <span className="zz-spin-ring" aria-hidden />
      <span>{tip}</span>
    </div>
  );
}
