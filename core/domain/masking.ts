/**
 * Masking of personal data by default (docs/CONVENTIONS.md 8; docs/SECURITY.md G4):
 * ID 620602********1234 (first 6 and last 4 kept), phone 138****5678.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length === 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * Identity typed into free text (docs/SECURITY.md G4, G5): 18-digit ID numbers, mobile numbers (with
 * or without spaces or dashes) and the parties' own names, masked the way the party fields are. The
 * original stays stored; readers without the unmask right and every public surface get this.
 */
const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

/** Names shorter than two characters would mask ordinary words (a lone surname is in many). */
function maskableNames(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim()).filter((n) => [...n].length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * `hidden`: for the org complained about (信访工作条例 art. 46(5)), where even a masked name (王**)
 * says too much: names become ***, numbers lose every digit.
 */
export function maskIdentityInText(text: string, names: readonly string[] = [], hidden = false): string {
  let out = text
    .replace(ID_IN_TEXT, (id) => (hidden ? '******' : (maskIdNumber(id) ?? '')))
    .replace(PHONE_IN_TEXT, (p) => (hidden ? '******' : (maskPhone(p.replace(/[ -]/g, '')) ?? '')));
  for (const name of maskableNames(names))
    out = out.split(name).join(hidden ? '***' : (maskName(name) ?? ''));
  return out;
}

/** Whether free text carries identity maskIdentityInText would mask (the clerk's transfer warning). */
export function identityInText(text: string, names: readonly string[] = []): boolean {
  return maskIdentityInText(text, names) !== text;
}

/** maskIdentityInText applied to every string inside a JSON value (an event's recorded values). */
export function maskIdentityDeep<T>(value: T, names: readonly string[] = []): T {
  if (typeof value === 'string') return maskIdentityInText(value, names) as T;
  if (Array.isArray(value)) return value.map((v) => maskIdentityDeep(v, names)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskIdentityDeep(v, names)])) as T;
  }
  return value;
}
