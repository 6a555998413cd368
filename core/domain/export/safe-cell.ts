/**
 * Spreadsheet formula injection (CSV/XLSX injection, OWASP): a cell whose text starts with `=`, `+`,
 * `-`, `@`, or a tab, carriage return or other control character may be run as a formula when the
 * file is opened. Such text is written with a leading apostrophe, which spreadsheet programs show as
 * text; numbers and dates we produce ourselves are written as values and never pass through here.
 */
const formulaStarts = new Set(['=', '+', '-', '@']);

export function safeCellText(value: string): string {
  const c = value.charCodeAt(0);
  const dangerous = formulaStarts.has(value.charAt(0)) || c < 0x20 || c === 0x7f;
  return value.length > 0 && dangerous ? `'${value}` : value;
}
