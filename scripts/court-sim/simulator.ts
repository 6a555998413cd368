/**
 * A stand-in for the court's mediation platform (docs/COURT-API.md), for the demo and the tests. It
 * checks every call the way the spec says a court must (signature, freshness, replay, idempotency,
 * strict schema), remembers what it accepted on disk, and can call Zongzhi back: register a referred
 * case, rule on a confirmation application, entrust or delegate a mediation.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type MediationRequest,
  type OutboundKind,
  outboundPaths,
  outboundSchemas,
} from '../../core/contracts/court';
import { signatureHeaders } from '../../core/domain/court/signing-string';
import { signRequest, verifyRequest } from '../../server/src/modules/court/court-signature';
import { Journal } from './journal';

export interface SimOptions {
  port: number;
  host?: string;
  dir: string;
  /** Zongzhi's base URL, for the calls back. */
  target: string;
  keyId: string;
  /** Zongzhi's outbound secret (we verify with it) and the court's own (we sign with it). */
  verifySecret: string;
  signSecret: string;
  /** Wait this long after recording a message before answering (to kill the court mid-delivery). */
  ackDelayMs?: number;
  /** Answer confirmation applications by itself after this many ms (null: only through /sim/rulings). */
  autoRuleMs?: number | null;
  /** Register referred cases by itself after this many ms (null: never). */
  autoRegisterMs?: number | null;
  log?: (m: string) => void;
}

const kindByPath = new Map(Object.entries(outboundPaths).map(([k, p]) => [p, k as OutboundKind]));

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function startSimulator(
  o: SimOptions,
): Promise<{ server: Server; journal: Journal; close(): Promise<void> }> {
  const journal = new Journal(o.dir);
  const log = o.log ?? (() => {});
  let seq = journal.received.size;

  async function callZongzhi(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const text = JSON.stringify(body);
    const url = new URL(`/api/court/v1${path}`, o.target);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [signatureHeaders.idempotencyKey]: `court-${randomUUID()}`,
        ...signRequest({
          method: 'POST',
          path: url.pathname,
          body: text,
          keyId: o.keyId,
          secret: o.signSecret,
          now: new Date(),
        }),
      },
      body: text,
    });
    const answer = await res.text();
    log(`→ zongzhi ${path}: ${res.status}`);
    try {
      return { status: res.status, body: JSON.parse(answer) };
    } catch {
      return { status: res.status, body: answer };
    }
  }

  function later(ms: number | null | undefined, fn: () => Promise<unknown>) {
    if (ms === null || ms === undefined) return;
    setTimeout(() => void fn().catch((e) => log(`call back failed: ${String(e)}`)), ms).unref();
  }

  async function courtEndpoint(req: IncomingMessage, res: ServerResponse, kind: OutboundKind, raw: string) {
    const v = verifyRequest({
      method: req.method ?? 'POST',
      path: req.url ?? '',
      rawBody: raw,
      headers: req.headers,
      secretFor: (k) => (k === o.keyId ? o.verifySecret : null),
      now: new Date(),
    });
    if (!v.ok) return send(res, 401, { code: 'SIGNATURE_INVALID', reason: v.problem });
    if (!journal.rememberNonce(v.nonce)) return send(res, 409, { code: 'REQUEST_REPLAYED' });
    const key = req.headers[signatureHeaders.idempotencyKey];
    if (typeof key !== 'string' || key.length < 8)
      return send(res, 400, { code: 'IDEMPOTENCY_KEY_REQUIRED' });
    const seen = journal.received.get(key);
    if (seen) {
      journal.duplicate(key, kind);
      log(`duplicate ${kind} ${key}`);
      return send(res, 200, { received: true, reference: seen.reference, duplicate: true });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { code: 'BAD_JSON' });
    }
    const checked = outboundSchemas[kind].safeParse(body);
    if (!checked.success) {
      return send(res, 422, {
        code: 'SCHEMA_MISMATCH',
        issues: checked.error.issues.map((i) => i.path.join('.')),
      });
    }
    seq++;
    const year = new Date().getFullYear();
    const reference = `(${year})甘0602诉前调${String(seq).padStart(5, '0')}号`;
    journal.accept({
      key,
      kind,
      at: new Date().toISOString(),
      reference,
      body: checked.data as Record<string, unknown>,
    });
    log(`accepted ${kind} ${key}`);
    const data = checked.data as Record<string, unknown> & { messageId: string; countyCode: string };
    if (kind === 'litigation_referral') {
      later(o.autoRegisterMs, () =>
        callZongzhi('/case-registrations', {
          messageType: 'case_registration',
          countyCode: data.countyCode,
          referralId: data.messageId,
          courtName: '武威市凉州区人民法院',
          courtCaseNo: `(${year})甘0602民初${String(seq).padStart(5, '0')}号`,
          registeredAt: new Date().toISOString(),
        }),
      );
    }
    if (kind === 'confirmation_application') {
      later(o.autoRuleMs, () => rule(data.messageId, 'confirmed'));
    }
    if (o.ackDelayMs) await new Promise((r) => setTimeout(r, o.ackDelayMs));
    send(res, 201, { received: true, reference, duplicate: false });
  }

  function rule(applicationId: string, result: 'confirmed' | 'rejected', reason?: string) {
    const app = [...journal.received.values()].find(
      (r) => r.kind === 'confirmation_application' && r.body.messageId === applicationId,
    );
    if (!app) return Promise.resolve({ status: 404, body: { code: 'NOT_FOUND' } });
    return callZongzhi('/confirmation-rulings', {
      messageType: 'confirmation_ruling',
      countyCode: app.body.countyCode,
      applicationId,
      courtName: '武威市凉州区人民法院',
      courtCaseNo: `(${new Date().getFullYear()})甘0602民特${app.reference.replace(/\D/g, '').slice(-5)}号`,
      result,
      ...(reason ? { reason } : {}),
      ruledAt: new Date().toISOString(),
    });
  }

  async function simEndpoint(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (req.method === 'GET' && url.pathname === '/sim/messages') {
      return send(res, 200, { received: [...journal.received.values()], duplicates: journal.duplicates });
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (req.method === 'POST' && url.pathname === '/sim/rulings') {
      const r = await rule(
        String(body.applicationId),
        body.result === 'rejected' ? 'rejected' : 'confirmed',
        body.reason as string | undefined,
      );
      return send(res, r.status, r.body);
    }
    if (req.method === 'POST' && url.pathname === '/sim/mediation-requests') {
      const year = new Date().getFullYear();
      const request: MediationRequest = {
        messageType: 'mediation_request',
        courtName: '武威市凉州区人民法院',
        courtCaseNo: (body.courtCaseNo as string) ?? `(${year})甘0602民初${String(Date.now()).slice(-5)}号`,
        type: body.type === 'delegated' ? 'delegated' : 'entrusted',
        ...(body.type === 'delegated'
          ? {}
          : { procedure: body.procedure === 'simplified' ? 'simplified' : 'ordinary' }),
        countyCode: String(body.countyCode ?? '620602'),
        orgCode: String(body.orgCode),
        disputeType: String(body.disputeType ?? '邻里'),
        summary: String(body.summary ?? '相邻通行纠纷，原告诉请被告拆除堆放物并赔偿损失。'),
        parties: (body.parties as MediationRequest['parties']) ?? [
          { role: 'applicant', name: '赵某某', phone: '13900000001' },
          { role: 'respondent', name: '钱某某', phone: '13900000002' },
        ],
      };
      const r = await callZongzhi('/mediation-requests', request);
      return send(res, r.status, r.body);
    }
    return send(res, 404, { code: 'NOT_FOUND' });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
      if (path.startsWith('/sim/')) return simEndpoint(req, res, raw);
      const kind = req.method === 'POST' ? kindByPath.get(path) : undefined;
      if (!kind) return send(res, 404, { code: 'NOT_FOUND' });
      return courtEndpoint(req, res, kind, raw);
    })().catch((e) => {
      log(`error: ${String(e)}`);
      if (!res.headersSent) send(res, 500, { code: 'INTERNAL' });
    });
  });
  return new Promise((resolve) => {
    server.listen(o.port, o.host ?? '127.0.0.1', () =>
      resolve({
        server,
        journal,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    );
  });
}
