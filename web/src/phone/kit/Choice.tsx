import { type ReactNode, useId } from 'react';
import type { ControlProps } from './Field';

export interface Option<V extends string> {
  value: V;
  label: ReactNode;
  testId?: string;
}

/**
 * Native radio buttons in a labelled group: the arrow keys move between them, as a phone's screen
 * reader expects. `buttons` draws them as a row of segments (评价, 服务分类); `wrap` lets a longer
 * set of segments run onto more lines (the grid worker's 事件类别).
 */
export function RadioGroup<V extends string>({
  label,
  value,
  options,
  onChange,
  buttons,
  wrap,
  error,
  'data-testid': testId,
}: {
  label: string;
  value: V | undefined;
  options: readonly Option<V>[];
  onChange: (v: V) => void;
  buttons?: boolean;
  wrap?: boolean;
  error?: string | null;
  'data-testid'?: string;
}) {
  const name = useId();
  return (
    <fieldset className="zz-fieldset">
      <legend className="zz-label">{label}</legend>
      <div
        className={buttons ? `zz-segments${wrap ? ' zz-segments-wrap' : ''}` : 'zz-radios'}
        data-testid={testId}
      >
        {options.map((o) => (
          <label key={o.value} className={buttons ? 'zz-segment' : 'zz-radio'} data-testid={o.testId}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <div className="zz-field-problem" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/**
 * A native select: on a phone the system's own picker (a wheel or a sheet), which its screen reader
 * and keyboard handle best.
 */
export function Select({
  control,
  value,
  options,
  placeholder,
  onChange,
  'data-testid': testId,
}: {
  control: ControlProps;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  placeholder: string;
  onChange: (v: string | undefined) => void;
  'data-testid'?: string;
}) {
  return (
    <select
      {...control}
      className="zz-input zz-select"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || undefined)}
      data-testid={testId}
    >
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A native checkbox with its words as its label. */
export function Checkbox({
  checked,
  onChange,
  children,
  error,
  'data-testid': testId,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  children: ReactNode;
  error?: string | null;
  'data-testid'?: string;
}) {
  const id = useId();
  return (
    <div className="zz-field">
      <label className="zz-radio">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={testId}
        />
        <span>{children}</span>
      </label>
      {error && (
        <div id={`${id}-error`} className="zz-field-problem" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
