import type { ReactNode } from 'react';

export type TagColor = 'default' | 'blue' | 'green' | 'red' | 'orange';

/** A short label in a colour whose text keeps 4.5:1 on its tint (phone.css). */
export function Tag({
  color = 'default',
  children,
  'data-testid': testId,
  className,
}: {
  color?: TagColor;
  children: ReactNode;
  'data-testid'?: string;
  className?: string;
}) {
  return (
    <span className={`zz-tag zz-tag-${color}${className ? ` ${className}` : ''}`} data-testid={testId}>
      {children}
    </span>
  );
}
