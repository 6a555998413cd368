/**
 * The error codes, their HTTP statuses, default Chinese messages and AppError, without the wire
 * schema: code that runs in the phone pages (the field kit's sync) imports this, not core/errors.ts,
 * so the validation library does not ride along on their first screen (bench/bundle.bench.ts).
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  OTP_REQUIRED: 401,
  OTP_INVALID: 401,
  STEP_UP_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_ENROLMENT_REQUIRED: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  DUTY_SEPARATION: 409,
  OUTSIDE_COUNTY: 422,
  UNPROCESSABLE: 422,
  TRANSITION_REFUSED: 409,
  MATTER_ARCHIVED: 409,
  COMMAND_INVALID: 422,
  IMPORT_REJECTED: 422,
  SETUP_DONE: 409,
  RATE_LIMITED: 429,
  SIGNATURE_INVALID: 401,
  REQUEST_REPLAYED: 409,
  CATEGORY_RETIRED: 422,
  SERVICE_RETIRED: 422,
  NOTICE_TEMPLATE_INVALID: 400,
  COMPLAINED_ORG_TARGET: 409,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

/** Default Chinese messages; a thrower may give a more precise one. */
export const defaultMessages: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '提交的内容不符合要求，请检查标出的字段。',
  BAD_REQUEST: '请求有误。',
  UNAUTHENTICATED: '请先登录。',
  SESSION_EXPIRED: '登录已超时，请重新登录。',
  INVALID_CREDENTIALS: '用户名或密码错误。',
  OTP_REQUIRED: '请输入手机验证器（身份验证器应用）上显示的 6 位动态验证码。',
  OTP_INVALID: '动态验证码不正确或已经用过，请等下一个验证码出现后再输入。',
  STEP_UP_REQUIRED: '这项操作需要再次验证身份：请输入身份验证器上的动态验证码。',
  PASSWORD_CHANGE_REQUIRED: '请先设置新密码，然后才能继续使用。',
  TOTP_ENROLMENT_REQUIRED: '请先绑定身份验证器（两步验证），然后才能继续使用。',
  CSRF_FAILED: '请求来源校验失败，请刷新页面后重试。',
  FORBIDDEN: '您没有进行此操作的权限。',
  ACCOUNT_LOCKED: '连续登录失败次数过多，账号已临时锁定，请稍后再试。',
  ACCOUNT_DISABLED: '账号已停用，请联系系统管理员。',
  NOT_FOUND: '未找到该记录，或您无权查看。',
  METHOD_NOT_ALLOWED: '该地址不支持这种请求方法（可用的方法见响应头 Allow）。',
  UNSUPPORTED_MEDIA_TYPE: '请求内容的格式不受支持：请以 JSON（Content-Type: application/json）提交。',
  CONFLICT: '该记录已被他人修改，请刷新后重试。',
  ALREADY_EXISTS: '记录已存在。',
  DUTY_SEPARATION: '系统管理员、安全管理员、审计管理员三种角色不能由同一人兼任。',
  OUTSIDE_COUNTY: '该位置不在本县（区）范围内。',
  UNPROCESSABLE: '无法处理该请求。',
  TRANSITION_REFUSED: '事项当前状态不允许此操作。',
  MATTER_ARCHIVED: '该事项已归档，只能查看，不能再修改或补充。',
  COMMAND_INVALID: '操作内容有误。',
  IMPORT_REJECTED: '导入文件有误，未导入任何数据。',
  SETUP_DONE: '系统已完成初始化。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  SIGNATURE_INVALID: '请求签名无效、缺失或已过期。',
  REQUEST_REPLAYED: '该请求已处理过（重放的请求被拒绝）。',
  CATEGORY_RETIRED: '该事项类别已停用，请选择其他类别。',
  SERVICE_RETIRED: '该服务事项已停止办理，请选择其他服务事项。',
  NOTICE_TEMPLATE_INVALID: '通知模板有误，请检查占位符。',
  COMPLAINED_ORG_TARGET:
    '接收单位就是本事项所反映（投诉）的单位。该单位看不到信访人的身份；确需交给它办理的，请确认后再提交。',
  INTERNAL: '系统内部错误，请稍后重试；如仍有问题，请把请求编号告诉管理员。',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: unknown;

  constructor(code: ErrorCode, userMessage?: string, details?: unknown) {
    super(userMessage ?? defaultMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage ?? defaultMessages[code];
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
