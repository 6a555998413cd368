/**
 * buildApp(deps): the whole HTTP application as one Fastify instance, for main.ts and for tests
 * (`app.inject()`). No module reaches process.env, the clock or the database except through deps.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { defaultMessages } from '../../core/errors';
import type { Deps } from './context';
import { wireMatterConsumers } from './matter-consumers';
import { authRoutes } from './modules/auth/auth.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { configRoutes } from './modules/config/config.routes';
import { portalsConfigRoutes, portalsPublicRoutes } from './modules/config/town-portals.routes';
import { countiesRoutes } from './modules/counties/counties.routes';
import { courtConfigRoutes, courtMatterRoutes } from './modules/court/court.routes';
import { courtInboundRoutes } from './modules/court/court-inbound.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { deliberationRoutes } from './modules/deliberation/deliberation.routes';
import { publicDeliberationRoutes } from './modules/deliberation/public-deliberation.routes';
import { dispatchRoutes } from './modules/dispatch/dispatch.routes';
import { documentRoutes } from './modules/documents/documents.routes';
import { eventsRoutes } from './modules/events/events.routes';
import { fieldRoutes } from './modules/field/field.routes';
import { gridsRoutes } from './modules/grids/grids.routes';
import { healthRoutes } from './modules/health/health.routes';
import { linkedMediationRoutes } from './modules/linked-mediation/linked.routes';
import { archivedGuardPlugin } from './modules/matters/archived-guard';
import { mattersRoutes } from './modules/matters/matters.routes';
import { publicRoutes } from './modules/matters/public.routes';
import { publicFormRoutes } from './modules/matters/public-form.routes';
import { agreementRoutes } from './modules/mediation/agreements.routes';
import { mediatorRoutes } from './modules/mediation/mediators.routes';
import { metricsRoutes } from './modules/metrics/metrics.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { open311Routes } from './modules/open311/open311.routes';
import { open311ClientsRoutes } from './modules/open311/open311-clients.routes';
import { open311ErrorHandler } from './modules/open311/open311-errors';
import { orgsRoutes } from './modules/orgs/orgs.routes';
import {
  matterReferralRoutes,
  referralProviderRoutes,
  referralRoutes,
} from './modules/referrals/referrals.routes';
import { measuresRoutes } from './modules/risk/measures.routes';
import { riskRoutes } from './modules/risk/risk.routes';
import { safetyRoutes } from './modules/safety/safety.routes';
import { systemRoutes } from './modules/system/clock.routes';
import { trainingRoutes } from './modules/training/training.routes';
import { usersRoutes } from './modules/users/users.routes';
import { workforceRoutes } from './modules/workforce/workforce.routes';
import { forClients } from './openapi';
import { rootDir } from './paths';
import { authPlugin } from './plugins/auth';
import { errorsPlugin, handleError } from './plugins/errors';
import { httpMetricsPlugin } from './plugins/http-metrics';
import { answerWrongMethod, httpSemanticsPlugin } from './plugins/http-semantics';
import { inputGuardPlugin } from './plugins/input-guard';
import { publicRead, publicReadsPlugin } from './plugins/public-reads';
import { requestIdOf } from './plugins/request-id';
import { securityHeadersPlugin } from './plugins/security-headers';

export const webDist = path.join(rootDir, 'web/dist');
const webAssets = path.join(webDist, 'assets') + path.sep;

/**
 * Route → its own HTML (dist/routes.json, written by the build): a preloading copy of index.html, or
 * the phone entry's phone.html. A key ending in `/*` covers every path under it (`/t/*`: each town's
 * page). Empty for an older build.
 */
function phoneRouteHtml(): (pathname: string) => string | undefined {
  const file = path.join(webDist, 'routes.json');
  if (!existsSync(file)) return () => undefined;
  const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const entries = Object.entries(table).filter(([, f]) => existsSync(path.join(webDist, f)));
  const exact = new Map(entries.filter(([r]) => !r.endsWith('/*')));
  // Longest prefix first, so a narrower table entry wins over a wider one.
  const prefixes = entries
    .filter(([r]) => r.endsWith('/*'))
    .map(([r, f]) => [r.slice(0, -1), f] as const)
    .sort((a, b) => b[0].length - a[0].length);
  return (pathname) => exact.get(pathname) ?? prefixes.find(([p]) => pathname.startsWith(p))?.[1];
}

export interface BuildOptions {
  logger?: boolean | object;
  /** The process's pino logger (main.ts), instead of a logger Fastify makes from `logger`. */
  loggerInstance?: FastifyBaseLogger;
  /** Serve web/dist when it exists (main); tests leave it off. */
  serveWeb?: boolean;
}

export async function buildApp(deps: Deps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: opts.logger ?? false }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: requestIdOf,
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    // A path that is no valid URL ("/api/orgs/%") or has an over-long parameter is refused by the
    // router before any route is chosen: it gets the one error body (Open311's under /open311) like
    // every other 4xx, instead of Fastify's own, which named the library and echoed the path.
    frameworkErrors: (err, req, reply) =>
      (req.url.startsWith('/open311/') ? open311ErrorHandler : handleError)(err, req, reply),
  }).withTypeProvider<ZodTypeProvider>();
  // Court, notifications and risk react to matters through hooks (matter-consumers.ts); a hook's
  // after-commit failure is logged here and never fails the request.
  wireMatterConsumers(deps, app.log);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      // 3.1: JSON Schema 2020-12 as zod writes it (null as a type), no OpenAPI 3.0 `nullable`.
      openapi: '3.1.0',
      info: {
        title: 'Zongzhi 综治 API',
        description:
          '三级综治中心一体化平台的接口。错误一律返回 {code, message, details, requestId}：code 供程序判断，message 为中文提示。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: deps.config.session.cookieName },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          courtSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Court-Signature',
            description: 'HMAC-SHA256 签名，见 docs/COURT-API.md',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => forClients(jsonSchemaTransformObject(input)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 5 },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(httpMetricsPlugin);
  await app.register(securityHeadersPlugin, { tileOrigins: deps.config.mapTiles?.origins ?? [] });
  await app.register(httpSemanticsPlugin);
  await app.register(errorsPlugin);
  await app.register(inputGuardPlugin);
  await app.register(publicReadsPlugin);
  await app.register(authPlugin, { deps });
  await app.register(archivedGuardPlugin, { deps });

  await app.register(healthRoutes, { deps });
  await app.register(metricsRoutes, { deps });
  await app.register(authRoutes, { deps, prefix: '/api/auth' });
  await app.register(countiesRoutes, { deps, prefix: '/api' });
  await app.register(orgsRoutes, { deps, prefix: '/api/orgs' });
  await app.register(usersRoutes, { deps, prefix: '/api/users' });
  await app.register(gridsRoutes, { deps, prefix: '/api' });
  await app.register(eventsRoutes, { deps, prefix: '/api/events' });
  await app.register(mattersRoutes, { deps, prefix: '/api/matters' });
  await app.register(publicRoutes, { deps, prefix: '/api/public' });
  await app.register(configRoutes, { deps, prefix: '/api/config' });
  await app.register(portalsConfigRoutes, { deps, prefix: '/api/config' });
  await app.register(portalsPublicRoutes, { deps, prefix: '/api/public' });
  await app.register(calendarRoutes, { deps, prefix: '/api' });
  await app.register(systemRoutes, { deps, prefix: '/api/system' });
  await app.register(courtMatterRoutes, { deps, prefix: '/api/matters' });
  await app.register(agreementRoutes, { deps, prefix: '/api/matters' });
  await app.register(documentRoutes, { deps, prefix: '/api/matters' });
  await app.register(mediatorRoutes, { deps, prefix: '/api/mediators' });
  await app.register(courtConfigRoutes, { deps, prefix: '/api/config' });
  await app.register(courtInboundRoutes, { deps, prefix: '/api/court/v1' });
  await app.register(open311ClientsRoutes, { deps, prefix: '/api/open311/clients' });
  await app.register(open311Routes, { deps, prefix: '/open311/v2' });
  await app.register(notificationsRoutes, { deps, prefix: '/api/notifications' });
  await app.register(deliberationRoutes, { deps, prefix: '/api/deliberation' });
  await app.register(publicDeliberationRoutes, { deps, prefix: '/api/public/deliberation' });
  await app.register(fieldRoutes, { deps, prefix: '/api/field' });
  await app.register(dashboardRoutes, { deps, prefix: '/api/dashboard' });
  await app.register(riskRoutes, { deps, prefix: '/api/risk' });
  await app.register(workforceRoutes, { deps, prefix: '/api/workforce' });
  await app.register(trainingRoutes, { deps, prefix: '/api/training' });
  await app.register(measuresRoutes, { deps, prefix: '/api/risk' });
  await app.register(dispatchRoutes, { deps, prefix: '/api/dispatch' });
  await app.register(linkedMediationRoutes, { deps, prefix: '/api/linked-mediation' });
  await app.register(matterReferralRoutes, { deps, prefix: '/api/matters' });
  await app.register(referralRoutes, { deps, prefix: '/api/referrals' });
  await app.register(referralProviderRoutes, { deps, prefix: '/api/config' });
  await app.register(safetyRoutes, { deps, prefix: '/api/safety' });

  app.get(
    '/api/openapi.json',
    { schema: { hide: true }, config: publicRead(deps.config, { maxAgeSeconds: 300 }) },
    async () => app.swagger(),
  );

  const spa = !!opts.serveWeb && existsSync(webDist);
  if (spa)
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      // `/` too goes to the handler below, which sends the staff home's preloading copy of index.html.
      index: false,
      // The build writes .br/.gz copies (web/sw-plugin.ts): phones on 3G get a quarter of the bytes.
      preCompressed: true,
      // Files under assets/ carry a content hash in their name: a phone keeps them for a year and
      // never asks again (no revalidation round trip on 3G). Everything else (index.html, sw.js, the
      // manifest) is revalidated each time, so a new release is picked up at once.
      setHeaders: (reply, filePath) => {
        const hashed = filePath.startsWith(webAssets);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  const routeHtml = spa ? phoneRouteHtml() : () => undefined;
  // 反映问题 from its HTML (issue 20): the phone entry's page with the plain form in it, and its post.
  const phoneHtml = path.join(webDist, 'phone.html');
  if (spa && existsSync(phoneHtml))
    await app.register(publicFormRoutes, { deps, phoneHtml: readFileSync(phoneHtml, 'utf8') });
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: any other GET outside the API gets index.html, or for a phone
    // entry or the staff home the copy of it that preloads every chunk of that page (web/route-chunks.ts),
    // or for the residents' pages the phone entry's phone.html (web/vite.phone.config.ts).
    const pathname = req.url.split('?', 1)[0]!.replace(/\/+$/, '') || '/';
    if (spa && req.method === 'GET' && !isMachinePath(pathname)) {
      return reply.type('text/html').sendFile(routeHtml(pathname) ?? 'index.html');
    }
    if (answerWrongMethod(app, req, reply)) return reply;
    return reply
      .code(404)
      .header('cache-control', 'no-store')
      .send({ code: 'NOT_FOUND', message: defaultMessages.NOT_FOUND, requestId: req.id });
  });
  return app;
}

/**
 * Paths machines ask for: an unknown one must answer 404, never the web app's page with 200, or a
 * monitoring probe (`/readyz`, `/metrics`) or an API client passes on a route that does not exist.
 */
const machinePrefixes = ['/api', '/healthz', '/readyz', '/livez', '/metrics'];
export function isMachinePath(pathname: string): boolean {
  return machinePrefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}
