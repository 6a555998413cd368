/**
 * A titled block for the field kit. Plain markup instead of antd Card/List/Result: those pull tabs,
 * pagination and select into the first load, and the kit must open fast on 3G (bench/bundle.bench.ts).
 */
import type { CSSProperties, ReactNode } from 'react';

export function Panel({
  title,
  extra,
  children,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      style={{ background: '#fff', borderRadius: 8, border: '1px solid #e8ecf1', padding: 12 }}
      data-testid={testId}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <h2 style={{ fontSize: 16, margin: 0, flex: 1 }}>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

const rowStyle: CSSProperties = { padding: '8px 0', borderTop: '1px solid #f0f2f5' };

export function Rows<T>({
  items,
  render,
  empty,
  testId,
  rowKey,
}: {
  items: readonly T[];
  render: (item: T) => ReactNode;
  empty?: ReactNode;
  testId?: string;
  rowKey: (item: T) => string;
}) {
  if (items.length === 0)
    return <div style={{ color: 'rgba(0, 0, 0, 0.62)', padding: '8px 0' }}>{empty ?? '暂无'}</div>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((i) => (
        <li key={rowKey(i)} style={rowStyle} data-testid={testId}>
          {render(i)}
        </li>
      ))}
    </ul>
  );
}

/** A full-page message (not signed in, wrong role) without antd Result. */
export function Notice({
  title,
  sub,
  action,
  testId,
}: {
  title: string;
  sub?: string;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div style={{ padding: '64px 16px', textAlign: 'center' }} role="status" data-testid={testId}>
      <h1 style={{ fontSize: 20 }}>{title}</h1>
      {sub ? <p style={{ color: '#5b6b7f' }}>{sub}</p> : null}
      {action}
    </div>
  );
}
