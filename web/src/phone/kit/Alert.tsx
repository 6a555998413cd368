import type { ReactNode } from 'react';
import { Icon } from './icons';

const icons = { info: 'info', success: 'check', warning: 'warn', error: 'error' } as const;

/**
 * A message in the page. Errors and warnings are announced at once (role alert), news and progress
 * politely (role status).
 */
export function Alert({
  type,
  title,
  description,
  action,
  role,
  'data-testid': testId,
}: {
  type: keyof typeof icons;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  role?: 'alert' | 'status';
  'data-testid'?: string;
}) {
  return (
    <div
      className={`zz-alert zz-alert-${type}`}
      role={role ?? (type === 'error' || type === 'warning' ? 'alert' : 'status')}
      data-testid={testId}
    >
      <Icon name={icons[type]} className="zz-alert-icon" />
      <div className="zz-alert-body">
        <div className="zz-alert-title">{title}</div>
        {description && <div className="zz-alert-text">{description}</div>}
      </div>
      {action && <div className="zz-alert-action">{action}</div>}
    </div>
  );
}
