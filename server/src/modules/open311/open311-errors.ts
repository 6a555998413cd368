/**
 * Errors the way GeoReport v2 wants them: the HTTP status and a body `[{code, description}]` (code is
 * the status, description in Chinese), plus our precise machine code as `error_code`. Scoped to the
 * Open311 routes: /api keeps its own error body.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { toOpen311Xml } from '../../../../core/domain/open311';
import { AppError } from '../../../../core/errors';

export function wantsXml(req: FastifyRequest): boolean {
  return /\.xml$/i.test(req.url.split('?')[0] ?? '');
}

export function sendOpen311(reply: FastifyReply, xml: boolean, root: string, body: unknown, status = 200) {
  reply.code(status);
  if (!xml) return reply.send(body);
  return reply
    .type('application/xml; charset=utf-8')
    .serializer((x) => x as string)
    .send(toOpen311Xml(root, body));
}

/** Status per spec: 400 for any bad or missing field (the spec has no 422), 403 key, 404 unknown. */
function statusOf(err: AppError): number {
  if (err.status === 422 || err.status === 409) return 400;
  return err.status;
}

function fieldFromValidation(err: FastifyError & { validation: { instancePath?: string }[] }) {
  const path = (err.validation[0]?.instancePath ?? '').split('/').filter(Boolean);
  return path[0] ?? err.validationContext ?? 'body';
}

/**
 * zod's generic type messages (in its zh-CN wording, or English) put in the words an Open311 client's
 * developer needs; the contracts' own messages are Chinese already and pass as they are.
 */
function chinese(message: string): string {
  if (/(received|实际接收) array/i.test(message))
    return '该字段只能出现一次（多值属性请用 attribute[code][]）';
  if (/(expected|期望) object/i.test(message))
    return '请求体应为表单（application/x-www-form-urlencoded）或 JSON 对象';
  if (/(expected|期望) (string|number)/i.test(message)) return '类型不正确，应为文本或数字';
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  return '格式不正确';
}

function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const key of pointer.split('/').filter(Boolean)) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function open311ErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let status: number;
  let description: string;
  let errorCode: string;
  if (err instanceof AppError) {
    status = statusOf(err);
    description = err.userMessage;
    const d = err.details as { reason?: string } | undefined;
    errorCode = d?.reason ?? err.code.toLowerCase();
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    const field = fieldFromValidation(err);
    // Missing, not malformed: the value at the path is absent from what the client sent (looked up
    // in the request, not read from zod's message, which is in Chinese since errors.ts sets its locale).
    const sent = err.validationContext === 'querystring' ? req.query : req.body;
    const missing = err.validation.some(
      (v) => v.keyword === 'invalid_type' && valueAt(sent, v.instancePath ?? '') === undefined,
    );
    status = 400;
    errorCode = missing ? 'missing_field' : 'invalid_field';
    description = missing
      ? `缺少必填字段：${field}`
      : `字段 ${field} 有误：${chinese(err.validation[0]?.message ?? '')}`;
  } else if (err.statusCode === 429) {
    status = 429;
    errorCode = 'rate_limited';
    description = '调用过于频繁，请稍后再试。';
  } else if (err.statusCode === 413) {
    status = 413;
    errorCode = 'payload_too_large';
    description = '提交的内容过大（上限 64 KB），请缩短描述或改用 media_url 提供图片链接。';
  } else if (err.statusCode === 415) {
    status = 415;
    errorCode = 'unsupported_media_type';
    description = '请以 application/x-www-form-urlencoded（或 JSON）提交。';
  } else if (err.statusCode === 404) {
    status = 404;
    errorCode = 'unknown_resource';
    description = 'Open311 没有这个资源：请求路径应为 /open311/v2/{resource}.json 或 .xml。';
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    status = err.statusCode;
    errorCode = 'bad_request';
    description = '请求有误，请检查格式。';
  } else {
    req.log.error({ err }, 'unhandled error');
    status = 500;
    errorCode = 'internal';
    description = `系统内部错误，请稍后重试（请求编号 ${req.id}）。`;
  }
  reply.header('cache-control', 'no-store');
  return sendOpen311(
    reply,
    wantsXml(req),
    'errors',
    [{ code: status, description, error_code: errorCode }],
    status,
  );
}
