import { type ReactNode, useId } from 'react';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

/**
 * A labelled form field: the label tied to its control, the hint under it and, once checked, the
 * problem in words (announced, and tied to the control so a screen reader reads it with the field).
 */
export function Field({
  label,
  required,
  extra,
  error,
  children,
  className,
}: {
  label: ReactNode;
  required?: boolean;
  extra?: ReactNode;
  error?: string | null;
  children: (control: ControlProps) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const described = [extra ? `${id}-extra` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`zz-field${error ? ' zz-field-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="zz-label">
        {required && (
          <span className="zz-required" aria-hidden>
            *
          </span>
        )}
        {label}
      </label>
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { 'aria-required': true as const } : {}),
      })}
      {error && (
        <div id={`${id}-error`} className="zz-field-problem" role="alert">
          {error}
        </div>
      )}
      {extra && (
        <div id={`${id}-extra`} className="zz-field-extra">
          {extra}
        </div>
      )}
    </div>
  );
}
