/**
 * Why `decide` says no: a machine code, the HTTP status the server answers with, and a Chinese message
 * the web shows as is. 409 = the matter's state does not allow it (retrying later may work); 422 = the
 * command itself is wrong; 403 = this actor may not do it. Nothing here throws.
 */
export type RefusalStatus = 403 | 409 | 422;

export interface Refusal {
  ok: false;
  code: string;
  httpStatus: RefusalStatus;
  message: string;
}

export const conflict = (code: string, message: string): Refusal => ({
  ok: false,
  code,
  httpStatus: 409,
  message,
});
export const invalid = (code: string, message: string): Refusal => ({
  ok: false,
  code,
  httpStatus: 422,
  message,
});
export const forbidden = (code: string, message: string): Refusal => ({
  ok: false,
  code,
  httpStatus: 403,
  message,
});

/** Codes with a fixed message; guards with a variable message build their refusal in place. */
export const refusals = {
  archived: conflict('ARCHIVED_READ_ONLY', '事项已归档，只能查看，不能再办理。'),
  unknownAction: invalid('UNKNOWN_ACTION', '未知的操作。'),
  reasonRequired: invalid('REASON_REQUIRED', '此操作须填写书面理由。'),
  forbiddenRole: forbidden('FORBIDDEN', '您的角色不能进行此操作。'),
  notOwner: forbidden('NOT_OWNER', '只有事项的责任单位才能进行此操作。'),
  notOwnerOrAbove: forbidden('NOT_OWNER_OR_ABOVE', '只有事项的责任单位或其上级单位才能进行此操作。'),
  notOwnerOrAssigner: forbidden(
    'NOT_OWNER_OR_ASSIGNER',
    '只有责任单位、交办单位或其上级单位才能进行此操作。',
  ),
  notReceiver: forbidden('NOT_RECEIVER', '只有接收单位才能签收。'),
  notSenderLevel: forbidden('NOT_SENDER_LEVEL', '异议须由交办（转送）单位或其上级单位决定。'),
  notCoHandler: forbidden('NOT_CO_HANDLER', '只有尚未反馈的协办单位才能反馈协办结果。'),
  notChecker: forbidden('NOT_CHECKER', '办理结果须由交办单位（未交办的由责任单位）核查。'),
  notApplicantOrUpper: forbidden(
    'NOT_APPLICANT_OR_UPPER',
    '复查、复核请求须由信访人提出，或由原办理单位或其上级单位的窗口代为登记。',
  ),
  notMediatorOrOwner: forbidden('NOT_MEDIATOR_OR_OWNER', '只有指定的调解员或责任单位才能进行此操作。'),
  ratingByHandler: forbidden(
    'RATING_BY_HANDLER',
    '评价须由群众本人作出；代为录入的，须由承办人以外的工作人员录入。',
  ),
  withdrawalByHandler: forbidden(
    'WITHDRAWAL_BY_HANDLER',
    '撤回须由信访人本人提出；代为登记的，须由承办人以外的工作人员登记。',
  ),
  followUpByHandler: forbidden('FOLLOW_UP_BY_HANDLER', '回访须由承办人以外的人员进行。'),
  checkByHandler: forbidden('CHECK_BY_HANDLER', '承办人不能核查自己的办理结果。'),
  coHandlersPending: conflict('CO_HANDLERS_PENDING', '还有协办单位未反馈或未解除，不能答复群众。'),
  extensionUsed: conflict('EXTENSION_USED', '办理期限已延长过一次，不能再次延长。'),
  reviewWindowClosed: conflict('REVIEW_WINDOW_CLOSED', '已超过申请复查的期限（收到书面答复之日起30日）。'),
  reexamWindowClosed: conflict('REEXAM_WINDOW_CLOSED', '已超过申请复核的期限（收到复查意见之日起30日）。'),
  petitionFinal: conflict(
    'PETITION_FINAL',
    '该信访事项已经复核终结，同一事实和理由不再受理（《信访工作条例》第三十六条）。',
  ),
  reviewWindowOpen: conflict('REVIEW_WINDOW_OPEN', '信访人申请复查或复核的期限尚未届满，暂不能归档。'),
  reportBackRequired: conflict('REPORT_BACK_REQUIRED', '交办事项须先向交办单位反馈办理结果，经核查后答复。'),
  notAssigned: conflict('NOT_ASSIGNED', '该事项不是交办事项，请直接答复群众。'),
} as const;
