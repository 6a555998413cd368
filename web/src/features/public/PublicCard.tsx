import type { CSSProperties, ReactNode } from 'react';

/**
 * A plain card for the residents' pages. antd's Card brings Tabs and a dropdown with it (about 22 KB
 * compressed) that these pages never use; on a 3G phone that weighs more than the page itself.
 */
export function PublicCard({
  title,
  size,
  style,
  children,
  'data-testid': testId,
}: {
  title?: ReactNode;
  size?: 'small' | 'default';
  style?: CSSProperties;
  children?: ReactNode;
  'data-testid'?: string;
}) {
  const pad = size === 'small' ? 12 : 24;
  return (
    <section
      data-testid={testId}
      style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, ...style }}
    >
      {title && (
        <h2
          style={{
            margin: 0,
            padding: `10px ${pad}px`,
            fontSize: 16,
            fontWeight: 600,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {title}
        </h2>
      )}
      <div style={{ padding: pad }}>{children}</div>
    </section>
  );
}
