/**
 * 反映问题 without script (issue 20): GET /public and /public/submit send the phone entry's page with the
 * form already in it (the page works from its HTML on 3G before the script arrives, or without it);
 * POST /public/submit takes that form and answers with a page holding the code and the secret. The
 * intake is the online one (submitOnline), with its checks, its SMS and its idempotency (a hidden key
 * per form, so a reload that posts again shows the same matter). A foreign origin is refused by the auth
 * plugin before this runs, and the session cookie is not read (`ignoreSession`): the matter is always a
 * resident's, never filed as the signed-in staff member whose browser happens to post it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Category } from '../../../../core/domain/catalog/categories';
import { AppError, errorStatus } from '../../../../core/errors';
import type { Deps } from '../../context';
import { publicCatalog } from '../config/catalog.service';
import { listCounties } from '../counties/counties.service';
import { withIdempotency } from './idempotency.service';
import { submitOnline } from './public.service';
import {
  type FormProblems,
  residentChrome,
  residentFormHtml,
  residentPage,
  sameOriginReferrer,
  submittedHtml,
} from './public-form.html';
import { formValuesOf, readResidentForm } from './public-form.read';

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
    {
      schema: { hide: true },
      config: { ignoreSession: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const v = formValuesOf(req.body);
      const c = await county();
      if (!c) throw new AppError('NOT_FOUND', '本系统尚未设置服务的县（区）。');
      const again = (status: number, problems: FormProblems, message?: string) =>
        page(
          reply,
          status,
          '反映问题 · 综治',
          residentFormHtml(c.categories, v, problems, randomUUID(), message),
        );
      const read = readResidentForm(v, c.code);
      if (!read.ok) return again(400, read.problems);
      const { countyCode, body } = read;
      try {
        const res = await withIdempotency(
          deps,
          `ip:${req.ip}`,
          v.key || undefined,
          { countyCode, ...body },
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
