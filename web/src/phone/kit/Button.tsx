import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'default' | 'link' | 'ghost';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  variant?: Variant;
  /** `submit` inside a form; a plain button otherwise. */
  htmlType?: 'button' | 'submit';
  block?: boolean;
  size?: 'small' | 'middle' | 'large';
  /** Busy with its request: not pressed twice, and said so to a screen reader. */
  loading?: boolean;
  icon?: ReactNode;
  'data-testid'?: string;
};

export function buttonClass(variant: Variant = 'default', block = false, size = 'middle'): string {
  return `zz-btn zz-btn-${variant} zz-btn-${size}${block ? ' zz-btn-block' : ''}`;
}

/** A native button in the theme's colours, at least 40 px high (a fingertip's target). */
export function Button({
  variant = 'default',
  htmlType = 'button',
  block = false,
  size = 'middle',
  loading = false,
  icon,
  disabled,
  children,
  className,
  ...rest
}: Props) {
  return (
    <button
      type={htmlType}
      className={`${buttonClass(variant, block, size)}${className ? ` ${className}` : ''}`}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? <span className="zz-btn-spin" aria-hidden /> : icon}
      {children}
    </button>
  );
}
