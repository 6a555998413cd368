/**
 * 反映问题 without script (issue 20): GET /public and /public/submit send the phone entry's page with the
 * form already in it (the page works from its HTML on 3G before the script arrives, or without it);
 * POST /public/submit takes that form and answers with a page holding the code and the secret. The
 * intake is the online one (submitOnline), with its checks, its SMS and its idempotency (a hidden key
 * per form, so a reload that posts again shows the same matter). A foreign origin is refused by the auth
 * plugin before this runs; no session is needed or read beyond that.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { countyCodeSchema } from '../../../../core/contracts/common';
import { intakeBodySchema } from '../../../../core/contracts/matters';
import type { Category } from '../../../../core/domain/catalog/categories';
import { AppError, errorStatus } from '../../../../core/errors';
import type { Deps } from '../../context';
import { publicCatalog } from '../config/catalog.service';
import { listCounties } from '../counties/counties.service';
import { withIdempotency } from './idempotency.service';
import { submitOnline } from './public.service';
import {
  type FormProblems,
  type FormValues,
  residentChrome,
  residentFormHtml,
  residentKinds,
  residentPage,
  sameOriginReferrer,
  submittedHtml,
} from './public-form.html';

const bodySchema = intakeBodySchema.extend({ countyCode: countyCodeSchema });
const fields = [
  'category',
  'title',
  'description',
  'address',
  'name',
  'phone',
  'otherName',
  'otherPhone',
  'otherAddress',
  'key',
] as const satisfies readonly (keyof FormValues)[];

function valuesOf(body: unknown): FormValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const f of fields) if (typeof b[f] === 'string') out[f] = b[f] as string;
  return out;
}

const blank = (s: string | undefined) => !s?.trim();

/** Where a contract's problem shows on the form. */
function fieldOf(path: readonly PropertyKey[]): keyof FormValues {
  const [head, index, leaf] = path;
  if (head === 'title' || head === 'description') return head;
  if (head === 'place') return 'address';
  if (head === 'parties') {
    if (index === 0) return leaf === 'phone' ? 'phone' : 'name';
    return leaf === 'phone' ? 'otherPhone' : leaf === 'address' ? 'otherAddress' : 'otherName';
  }
  return 'category';
}

export async function publicFormRoutes(
  app: FastifyInstance,
  { deps, phoneHtml }: { deps: Deps; phoneHtml: string },
) {
  // Only here: the rest of the server takes JSON (and multipart for files).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const stylesheets = [...phoneHtml.matchAll(/<link rel="stylesheet"[^>]*>/g)].map((m) => m[0]).join('\n');

  /** The county this install serves (the first listed, as the phone pages take it) and its categories. */
  const county = async () => {
    const first = (await listCounties(deps))[0];
    if (!first) return null;
    const catalog = await publicCatalog(deps, first.code);
    return { code: first.code, categories: catalog.categories as Category[] };
  };

  const page = (reply: FastifyReply, status: number, title: string, body: string) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(residentPage(title, stylesheets, body));

  for (const url of ['/public', '/public/submit']) {
    app.get(url, { schema: { hide: true } }, async (_req, reply) => {
      const c = await county();
      const form = c ? residentFormHtml(c.categories, {}, {}, randomUUID()) : '';
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(
          phoneHtml
            .replace('</head>', `${sameOriginReferrer}\n  </head>`)
            .replace(/<div class="boot"[^>]*>[^<]*<\/div>/, residentChrome(form)),
        );
    });
  }

  app.post(
    '/public/submit',
    { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const v = valuesOf(req.body);
      const c = await county();
      if (!c) throw new AppError('NOT_FOUND', '本系统尚未设置服务的县（区）。');
      const again = (status: number, problems: FormProblems, message?: string) =>
        page(
          reply,
          status,
          '反映问题 · 综治',
          residentFormHtml(c.categories, v, problems, randomUUID(), message),
        );

      const [kind, categoryCode] = (v.category ?? '').split(':', 2) as [string, string | undefined];
      const problems: FormProblems = {};
      if (!categoryCode || !(residentKinds as readonly string[]).includes(kind))
        problems.category = '请选择类别';
      if (blank(v.title)) problems.title = '请用一句话概括';
      if (blank(v.description)) problems.description = '请写清楚事情经过';
      if (blank(v.address)) problems.address = '请填写详细地址';
      if (blank(v.name)) problems.name = '请填写姓名';
      if (blank(v.phone)) problems.phone = '请填写手机号码';
      if (kind === 'dispute' && blank(v.otherName)) problems.otherName = '请填写对方的姓名或称呼';
      if (Object.keys(problems).length) return again(400, problems);

      const parsed = bodySchema.safeParse({
        countyCode: c.code,
        kind,
        channel: 'online',
        categoryCode,
        title: v.title,
        description: v.description,
        place: { address: v.address?.trim() },
        parties: [
          { role: 'applicant', name: v.name, phone: v.phone?.trim() },
          ...(blank(v.otherName)
            ? []
            : [
                {
                  role: 'respondent',
                  name: v.otherName,
                  phone: v.otherPhone?.trim() || undefined,
                  address: v.otherAddress?.trim() || undefined,
                },
              ]),
        ],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems[fieldOf(issue.path)] ??= issue.message;
        return again(400, problems);
      }
      const { countyCode, ...body } = parsed.data;
      try {
        const res = await withIdempotency(
          deps,
          `ip:${req.ip}`,
          v.key || undefined,
          parsed.data,
          async () => ({
            status: 201,
            body: await submitOnline(deps, req.ctx, countyCode, body),
          }),
        );
        const r = res.body as Awaited<ReturnType<typeof submitOnline>>;
        return page(
          reply,
          200,
          '提交成功 · 综治',
          submittedHtml({
            code: r.code,
            trackingSecret: r.trackingSecret,
            holder: r.tracking.holder,
            statusLabel: r.tracking.statusLabel,
            phone: body.parties[0]?.phone ?? '',
          }),
        );
      } catch (err) {
        // Refused by the intake's own rules (a retired category, a key already used): said on the form.
        if (err instanceof AppError && errorStatus[err.code] < 500)
          return again(errorStatus[err.code], {}, err.userMessage);
        throw err;
      }
    },
  );
}
