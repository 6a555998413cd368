import type { ReactNode } from 'react';

/** A white section with an optional heading: the residents' pages are a column of these. */
export function Card({
  title,
  children,
  className,
  'data-testid': testId,
}: {
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <section className={`zz-card${className ? ` ${className}` : ''}`} data-testid={testId}>
      {title && <h2 className="zz-card-title">{title}</h2>}
      <div className="zz-card-body">{children}</div>
    </section>
  );
}
