/**
 * GeoReport v2 XML. The spec names a list's elements by what they hold (`<services><service>…`,
 * `<service_requests><request>…`), so a JSON answer becomes XML given its root name and the element
 * name of each list; everything else is a nested element named after its key.
 */

const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  groups: 'group',
  service_requests_updates: 'request_update',
  service_request_updates: 'request_update',
};

/** XML 1.0 cannot carry most control characters at all, even escaped: they are dropped. */
function allowedInXml(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function escapeXml(text: string): string {
  return [...text]
    .filter(allowedInXml)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `root` is the outer element; an array body becomes its items (`<services><service/>…</services>`). */
export function toOpen311Xml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, body)}`;
}
