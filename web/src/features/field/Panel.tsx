/**
 * A titled block, a list of rows and a full-page message for the field kit, in the phone kit's styles
 * (web/src/phone/phone.css): the kit opens on 3G without a component library (bench/bundle.bench.ts).
 */
import type { ReactNode } from 'react';

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
    <section className="zz-panel" data-testid={testId}>
      <div className="zz-panel-head">
        <h2>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

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
  if (items.length === 0) return <div className="zz-muted">{empty ?? '暂无'}</div>;
  return (
    <ul className="zz-rows">
      {items.map((i) => (
        <li key={rowKey(i)} data-testid={testId}>
          {render(i)}
        </li>
      ))}
    </ul>
  );
}

/** A count under its name (未发送 3 条). */
export function Stat({ title, value, unit }: { title: string; value: number; unit: string }) {
  return (
    <div>
      <div className="zz-stat-title">{title}</div>
      <div className="zz-stat-value">
        {value}
        <small>{unit}</small>
      </div>
    </div>
  );
}

/** A full-page message (not signed in, wrong role, account disabled). */
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
    <div className="zz-notice" role="status" data-testid={testId}>
      <h1>{title}</h1>
      {sub ? <p className="zz-muted">{sub}</p> : null}
      {action}
    </div>
  );
}
