/**
 * A town's (or a community's) own residents' entry — 掌上四坝, 掌上西苑 — on the same product: its name,
 * the services it puts first and its notices, at its own address `/t/<slug>` with a QR code to print.
 * Liangzhou's towns built such "程序" themselves (docs/PRODUCT.md, the seed article); here they are a
 * saved county document, so a town gets one without a separate build or deployment.
 *
 * Submissions from an entry are ordinary online matters: the resident still picks where it happened,
 * and routing decides who handles it. The entry changes what residents see first, never who decides.
 */

export interface TownPortalNotice {
  title: string;
  body: string;
  /** YYYY-MM-DD, the date printed on the notice. */
  date: string;
}

export interface TownPortal {
  /** The address: `/t/<slug>`. Han characters (the place's own name) or lower-case letters, digits, '-'. */
  slug: string;
  /** The town, street, village or community whose entry this is. */
  divisionCode: string;
  /** The entry's name as residents know it, e.g. 掌上四坝. */
  title: string;
  /** One or two sentences under the name. */
  intro: string;
  /** Services shown first, in this order; empty: every public service of the county. */
  serviceCodes: string[];
  notices: TownPortalNotice[];
  /** Switched off: the address answers "not found" and the QR code stops working. */
  active: boolean;
}

export const SLUG_PATTERN = /^[\p{Script=Han}a-z0-9-]{1,20}$/u;
export const MAX_PORTALS = 600;
export const MAX_NOTICES = 20;

/** Shipped entries of the counties whose model names them (Liangzhou: 掌上西苑, 掌上四坝). */
export const shippedPortals: Readonly<Record<string, readonly TownPortal[]>> = {
  '620602': [
    {
      slug: '四坝',
      divisionCode: '620602116',
      title: '掌上四坝',
      intro: '四坝镇综治中心的掌上入口：有事网上说，进度随时查，办事指南一看就懂。',
      serviceCodes: [],
      notices: [],
      active: true,
    },
    {
      slug: '西苑',
      divisionCode: '620602004003',
      title: '掌上西苑',
      intro: '西苑社区的掌上入口：邻里纠纷、物业问题、办事咨询，在手机上就能反映。',
      serviceCodes: [],
      notices: [],
      active: true,
    },
  ],
};

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/**
 * What is wrong with a set of entries, in words for the administrator (empty: nothing). Field lengths
 * are the contract's; this checks what involves more than one field or the county's own data.
 */
export function validatePortals(
  portals: readonly TownPortal[],
  known: { divisionCodes: ReadonlySet<string>; serviceCodes: ReadonlySet<string> },
): string[] {
  const issues: string[] = [];
  if (portals.length > MAX_PORTALS) issues.push(`最多 ${MAX_PORTALS} 个掌上入口`);
  const slugs = new Set<string>();
  const places = new Set<string>();
  for (const p of portals) {
    const name = p.title || p.slug;
    if (!SLUG_PATTERN.test(p.slug))
      issues.push(`「${name}」的网址名只能用汉字、小写字母、数字和“-”，不超过 20 个字`);
    if (slugs.has(p.slug)) issues.push(`网址名「${p.slug}」重复`);
    slugs.add(p.slug);
    if (!known.divisionCodes.has(p.divisionCode))
      issues.push(`「${name}」所属的镇（街道）或村（社区）${p.divisionCode} 不在本县（区）`);
    else if (places.has(p.divisionCode)) issues.push(`「${name}」：同一地方只能有一个掌上入口`);
    places.add(p.divisionCode);
    for (const code of p.serviceCodes)
      if (!known.serviceCodes.has(code)) issues.push(`「${name}」列出的服务事项 ${code} 不在事项目录中`);
    if (new Set(p.serviceCodes).size !== p.serviceCodes.length) issues.push(`「${name}」的服务事项有重复`);
    if (p.notices.length > MAX_NOTICES) issues.push(`「${name}」最多 ${MAX_NOTICES} 条通知`);
    for (const n of p.notices)
      if (!isDate(n.date)) issues.push(`「${name}」的通知「${n.title}」日期不对，应如 2026-12-01`);
  }
  return issues;
}

/** The entry at an address, if it exists and is switched on. */
export function findPortal(portals: readonly TownPortal[], slug: string): TownPortal | undefined {
  return portals.find((p) => p.active && p.slug === slug);
}

/** The services an entry shows, in its order; all of `offered` when it lists none. */
export function portalServices<S extends { code: string }>(portal: TownPortal, offered: readonly S[]): S[] {
  if (portal.serviceCodes.length === 0) return [...offered];
  const byCode = new Map(offered.map((s) => [s.code, s]));
  return portal.serviceCodes.flatMap((c) => {
    const s = byCode.get(c);
    return s ? [s] : [];
  });
}

/** Newest first, as a notice board is read. */
export function noticesNewestFirst(notices: readonly TownPortalNotice[]): TownPortalNotice[] {
  return [...notices].sort((a, b) => b.date.localeCompare(a.date));
}
