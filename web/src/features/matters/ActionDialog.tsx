/**
 * One dialog per lifecycle action: it asks for exactly the inputs that action takes (CommandInputs in
 * core/domain/matters/commands.ts), a reason when the transition table requires one, and always sends
 * the version the person saw, so a step someone else took meanwhile is refused with their name.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ActionBody, MatterDetail } from '../../../../core/contracts/matters';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import type { MatterAction } from '../../../../core/domain/matters/commands';
import {
  type ChannelRoute,
  channelRouteLabels,
  channelRoutes,
  type MatterKind,
  matterKindLabels,
  type OpinionOutcome,
  opinionOutcomeLabels,
  opinionOutcomes,
  type RatingValue,
  ratingLabels,
  ratingValues,
  type TerminationReason,
  type TransferKind,
  terminationReasonLabels,
  terminationReasons,
  transferKindLabels,
  transferKinds,
} from '../../../../core/domain/matters/model';
import { isTerritorial } from '../../../../core/domain/orgs';
import { ApiError } from '../../api/client';
import { actOnMatter, matterKeys } from '../../api/matters';
import { fetchOrg, orgKeys } from '../../api/orgs';
import { listUsers, userKeys } from '../../api/users';
import { useCan, useMe } from '../../app/auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useDebounced } from '../../components/useDebounced';

export interface AllowedAction {
  action: MatterAction;
  label: string;
  needsReason: boolean;
}

type Field =
  | 'route'
  | 'intoCode'
  | 'toKind'
  | 'transfer'
  | 'upheld'
  | 'coHandler'
  | 'releaseCoHandler'
  | 'days'
  | 'opinion'
  | 'initiative'
  | 'mediator'
  | 'extendMediation'
  | 'form'
  | 'terminationReason'
  | 'rating'
  | 'archiveNo';

/** Inputs of each action beyond `reason`; exhaustive, so a new action cannot be forgotten here. */
const fieldsOf: Record<MatterAction, readonly Field[]> = {
  accept: [],
  refuse: [],
  channel: ['route'],
  merge: ['intoCode'],
  convert: ['toKind'],
  verify: [],
  void: [],
  transfer: ['transfer'],
  recall: [],
  receive: [],
  object: [],
  decide_objection: ['upheld'],
  add_co_handler: ['coHandler'],
  co_handler_report: [],
  release_co_handler: ['releaseCoHandler'],
  extend: ['days'],
  serve_opinion: ['opinion'],
  request_review: [],
  serve_review: ['opinion'],
  request_reexam: [],
  pause_hearing: [],
  resume_hearing: [],
  serve_reexam: ['opinion'],
  start_mediation: ['initiative'],
  refuse_mediation: [],
  assign_mediator: ['mediator'],
  record_session: [],
  pause_mediation: [],
  resume_mediation: [],
  extend_mediation: ['extendMediation'],
  agree: ['form'],
  terminate_mediation: ['terminationReason'],
  refer_to_court: [],
  self_handle: [],
  submit_feedback: [],
  check_pass: [],
  check_fail: [],
  answer: [],
  rate: ['rating'],
  follow_up: [],
  archive: ['archiveNo'],
};

/** What the reason box is called where the action's words say more than "理由". */
const reasonLabels: Partial<Record<MatterAction, string>> = {
  answer: '答复内容',
  submit_feedback: '办理结果',
  co_handler_report: '协办结果',
  follow_up: '回访情况',
  record_session: '调解情况',
  self_handle: '处置情况',
};

interface Values {
  reason?: string;
  route?: ChannelRoute;
  intoCode?: string;
  toKind?: Exclude<MatterKind, 'report'>;
  transferKind?: TransferKind;
  toOrgId?: string;
  upheld?: boolean;
  orgId?: string;
  days?: number;
  outcome?: OpinionOutcome;
  legalBasis?: string;
  initiative?: 'application' | 'own_initiative';
  consentRenewed?: boolean;
  mediatorId?: string;
  chosenBy?: 'org' | 'parties';
  conflictOfInterest?: boolean;
  allPartiesConsent?: boolean;
  form?: 'written' | 'oral';
  terminationReason?: TerminationReason;
  rating?: RatingValue;
  substantive?: boolean;
  archiveNo?: string;
}

function toBody(allowed: AllowedAction, version: number, v: Values): ActionBody {
  const reason = v.reason?.trim() || undefined;
  const body: ActionBody = { action: allowed.action, expectedVersion: version, reason };
  for (const f of fieldsOf[allowed.action]) {
    switch (f) {
      case 'route':
        body.route = v.route;
        break;
      case 'intoCode':
        body.intoCode = v.intoCode?.trim();
        break;
      case 'toKind':
        body.toKind = v.toKind;
        break;
      case 'transfer':
        body.transferKind = v.transferKind;
        body.toOrgId = v.toOrgId;
        break;
      case 'upheld':
        body.upheld = v.upheld;
        break;
      case 'coHandler':
      case 'releaseCoHandler':
        body.orgId = v.orgId;
        break;
      case 'days':
        body.days = v.days;
        break;
      case 'opinion':
        body.outcome = v.outcome;
        body.legalBasis = v.legalBasis?.trim();
        break;
      case 'initiative':
        body.initiative = v.initiative;
        body.consentRenewed = v.consentRenewed || undefined;
        break;
      case 'mediator':
        body.mediatorId = v.mediatorId?.trim();
        body.chosenBy = v.chosenBy;
        body.conflictOfInterest = v.conflictOfInterest ?? false;
        break;
      case 'extendMediation':
        body.days = v.days;
        body.allPartiesConsent = v.allPartiesConsent ?? false;
        break;
      case 'form':
        body.form = v.form;
        break;
      case 'terminationReason':
        body.terminationReason = v.terminationReason;
        break;
      case 'rating':
        body.rating = v.rating;
        body.substantive = v.rating === 'unsatisfied' ? (v.substantive ?? false) : undefined;
        break;
      case 'archiveNo':
        body.archiveNo = v.archiveNo?.trim();
        break;
    }
  }
  return body;
}

/** 上提 goes to the center directly above the owner: its territorial ancestors, nearest first. */
function EscalateTargetSelect({
  ownerId,
  value,
  onChange,
}: {
  ownerId: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const owner = useQuery({
    queryKey: orgKeys.detail(ownerId),
    queryFn: ({ signal }) => fetchOrg(ownerId, signal),
    staleTime: 5 * 60_000,
  });
  const options = [...(owner.data?.ancestors ?? [])]
    .reverse()
    .filter((a) => isTerritorial(a.kind))
    .map((a) => ({ value: a.id, label: a.name }));
  // The center directly above is the only valid target in practice: choose it for the user.
  const nearest = options[0]?.value;
  useEffect(() => {
    if (!value && nearest) onChange?.(nearest);
  }, [value, nearest, onChange]);
  return (
    <Select<string>
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={owner.isPending}
      options={options}
      placeholder="选择上一级综治中心"
      notFoundContent={owner.isError ? '上级单位加载失败' : '没有可上提的单位'}
      aria-label="接收单位"
      data-testid="action-to-org"
    />
  );
}

/** Mediators by name when the user may read accounts; otherwise the user id (or oneself). */
function MediatorSelect({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) {
  const me = useMe();
  const can = useCan();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const readable = can('user.read');
  const params = { page: 1, pageSize: 50, role: 'mediator' as const, q: q || undefined };
  const users = useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    enabled: readable,
  });
  const self = me.roles.includes('mediator') ? [{ value: me.id, label: `本人（${me.displayName}）` }] : [];
  if (!readable) {
    return self.length > 0 ? (
      <Select<string>
        value={value}
        onChange={onChange}
        options={self}
        placeholder="选择调解员"
        data-testid="action-mediator"
      />
    ) : (
      <Input
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        placeholder="调解员的用户编号"
        maxLength={64}
        aria-label="调解员的用户编号"
        data-testid="action-mediator"
      />
    );
  }
  const options = [
    ...self,
    ...(users.data?.items ?? [])
      .filter((u) => u.id !== me.id)
      .map((u) => ({ value: u.id, label: u.org ? `${u.displayName}（${u.org.name}）` : u.displayName })),
  ];
  return (
    <Select<string>
      value={value}
      onChange={onChange}
      options={options}
      loading={users.isFetching}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      placeholder="输入姓名搜索调解员"
      notFoundContent={users.isError ? '调解员加载失败' : '无匹配的调解员'}
      data-testid="action-mediator"
    />
  );
}

export function ActionDialog({
  matter,
  allowed,
  onClose,
  onDone,
}: {
  matter: MatterDetail;
  allowed: AllowedAction;
  onClose: () => void;
  /** The matter after the step, or null when the actor can no longer see it (204). */
  onDone: (detail: MatterDetail | null) => void;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const transferKind = Form.useWatch('transferKind', form);
  const rating = Form.useWatch('rating', form);
  const fields = fieldsOf[allowed.action];

  const mutation = useMutation({
    mutationFn: (v: Values) => actOnMatter(matter.id, toBody(allowed, matter.version, v)),
    onSuccess: (detail) => onDone(detail),
    onError: (e) => {
      // Someone acted first or the state moved on: show the fresh matter behind the dialog.
      if (e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'TRANSITION_REFUSED')) {
        void queryClient.invalidateQueries({ queryKey: matterKeys.detail(matter.id) });
      }
    },
  });

  const reasonRequired = allowed.needsReason || (allowed.action === 'rate' && rating === 'unsatisfied');
  const reasonLabel = reasonLabels[allowed.action] ?? (reasonRequired ? '理由' : '说明（可选）');
  const openCoHandlers = matter.coHandlers.filter((c) => c.status !== 'released');
  const channelTargets = categoryByCode(matter.categoryCode)?.channelTo;
  const routeOptions = channelTargets
    ? channelTargets.map((t) => ({ value: t.route, label: `${t.name}（${t.handlerHint}）` }))
    : channelRoutes.map((r) => ({ value: r, label: channelRouteLabels[r] }));

  const required = (message: string) => [{ required: true, message }];

  return (
    <Modal
      open
      title={`${allowed.label}：${matter.code}`}
      okText={allowed.label.length <= 6 ? allowed.label : '确定'}
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'action-confirm' } as Record<string, string>}
      width={560}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {matter.title}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        aria-label={allowed.label}
        data-testid={`action-form-${allowed.action}`}
        initialValues={{
          transferKind: 'escalate_up',
          chosenBy: 'org',
          conflictOfInterest: false,
          initiative: 'application',
          form: 'written',
          upheld: false,
        }}
      >
        {fields.includes('transfer') && (
          <>
            <Form.Item label="流转方式" name="transferKind" rules={required('请选择流转方式')}>
              <Radio.Group
                optionType="button"
                options={transferKinds.map((k) => ({ value: k, label: transferKindLabels[k] }))}
                onChange={() => form.setFieldValue('toOrgId', undefined)}
              />
            </Form.Item>
            <Form.Item
              label="接收单位"
              name="toOrgId"
              rules={required('请选择接收单位')}
              extra={
                transferKind === 'dispatch_down'
                  ? '交办给本辖区内的下级综治中心。'
                  : transferKind === 'to_department'
                    ? '转办给部门、站所或调解组织。'
                    : '上提给直接上一级综治中心。'
              }
            >
              {transferKind === 'escalate_up' ? (
                <EscalateTargetSelect ownerId={matter.owner.id} />
              ) : (
                <OrgTreeSelect placeholder="选择接收单位" aria-label="接收单位" data-testid="action-to-org" />
              )}
            </Form.Item>
          </>
        )}
        {fields.includes('route') && (
          <Form.Item label="导入的法定程序" name="route" rules={required('请选择法定程序')}>
            <Select<ChannelRoute> options={routeOptions} placeholder="选择程序" />
          </Form.Item>
        )}
        {fields.includes('intoCode') && (
          <Form.Item
            label="并入的事项编号"
            name="intoCode"
            rules={[
              { required: true, whitespace: true, message: '请填写事项编号' },
              { pattern: /^\s*\d{6}-\d{4}-\d{6}\s*$/, message: '事项编号格式如 620602-2026-000123' },
            ]}
          >
            <Input maxLength={30} placeholder="620602-2026-000123" />
          </Form.Item>
        )}
        {fields.includes('toKind') && (
          <Form.Item label="转为" name="toKind" rules={required('请选择事项类型')}>
            <Select
              options={(['dispute', 'petition', 'consultation', 'request'] as const)
                .filter((k) => k !== matter.kind)
                .map((k) => ({ value: k, label: matterKindLabels[k] }))}
            />
          </Form.Item>
        )}
        {fields.includes('upheld') && (
          <Form.Item label="处理结果" name="upheld" rules={required('请选择处理结果')}>
            <Radio.Group
              options={[
                { value: true, label: '异议成立（退回发出单位）' },
                { value: false, label: '异议不成立（由接收单位继续办理）' },
              ]}
            />
          </Form.Item>
        )}
        {fields.includes('coHandler') && (
          <Form.Item label="协办单位" name="orgId" rules={required('请选择协办单位')}>
            <OrgTreeSelect placeholder="选择协办单位" aria-label="协办单位" data-testid="action-co-handler" />
          </Form.Item>
        )}
        {fields.includes('releaseCoHandler') && (
          <Form.Item label="解除的协办单位" name="orgId" rules={required('请选择协办单位')}>
            <Select options={openCoHandlers.map((c) => ({ value: c.org.id, label: c.org.name }))} />
          </Form.Item>
        )}
        {(fields.includes('days') || fields.includes('extendMediation')) && (
          <Form.Item
            label="延长天数"
            name="days"
            rules={required('请填写延长天数')}
            extra={
              matter.kind === 'petition' ? '信访事项延长不超过 30 日（信访工作条例第三十四条）。' : undefined
            }
          >
            <InputNumber min={1} max={90} precision={0} style={{ width: 160 }} addonAfter="日" />
          </Form.Item>
        )}
        {fields.includes('extendMediation') && (
          <Form.Item
            name="allPartiesConsent"
            valuePropName="checked"
            rules={[
              {
                validator: async (_r, v: boolean | undefined) => {
                  if (!v) throw new Error('延长调解期限须经各方当事人同意');
                },
              },
            ]}
          >
            <Checkbox>各方当事人同意延长调解期限</Checkbox>
          </Form.Item>
        )}
        {fields.includes('opinion') && (
          <>
            <Form.Item label="处理意见" name="outcome" rules={required('请选择处理意见')}>
              <Radio.Group
                options={opinionOutcomes.map((o) => ({ value: o, label: opinionOutcomeLabels[o] }))}
              />
            </Form.Item>
            <Form.Item
              label="法律政策依据"
              name="legalBasis"
              rules={[{ required: true, whitespace: true, message: '请填写依据' }]}
            >
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </>
        )}
        {fields.includes('initiative') && (
          <>
            <Form.Item label="调解的启动" name="initiative" rules={required('请选择')}>
              <Radio.Group
                options={[
                  { value: 'application', label: '当事人申请' },
                  { value: 'own_initiative', label: '主动调解' },
                ]}
              />
            </Form.Item>
            <Form.Item name="consentRenewed" valuePropName="checked">
              <Checkbox>当事人曾拒绝调解，现已重新同意</Checkbox>
            </Form.Item>
          </>
        )}
        {fields.includes('mediator') && (
          <>
            <Form.Item label="调解员" name="mediatorId" rules={required('请选择调解员')}>
              <MediatorSelect />
            </Form.Item>
            <Form.Item label="产生方式" name="chosenBy" rules={required('请选择')}>
              <Radio.Group
                options={[
                  { value: 'org', label: '调解组织指定' },
                  { value: 'parties', label: '当事人选择' },
                ]}
              />
            </Form.Item>
            <Form.Item
              label="利害关系核查"
              name="conflictOfInterest"
              rules={required('请确认')}
              extra="调解员与案件或当事人有利害关系的，应当回避。"
            >
              <Radio.Group
                options={[
                  { value: false, label: '无利害关系' },
                  { value: true, label: '有利害关系' },
                ]}
              />
            </Form.Item>
          </>
        )}
        {fields.includes('form') && (
          <Form.Item label="协议形式" name="form" rules={required('请选择协议形式')}>
            <Radio.Group
              options={[
                { value: 'written', label: '书面协议' },
                { value: 'oral', label: '口头协议' },
              ]}
            />
          </Form.Item>
        )}
        {fields.includes('terminationReason') && (
          <Form.Item label="终止原因" name="terminationReason" rules={required('请选择终止原因')}>
            <Select<TerminationReason>
              options={terminationReasons.map((r) => ({ value: r, label: terminationReasonLabels[r] }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        )}
        {fields.includes('rating') && (
          <>
            <Form.Item label="群众评价" name="rating" rules={required('请选择评价')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={ratingValues.map((r) => ({ value: r, label: ratingLabels[r] }))}
                data-testid="action-rating"
              />
            </Form.Item>
            {rating === 'unsatisfied' && (
              <Form.Item
                name="substantive"
                valuePropName="checked"
                extra="因问题未实质解决而不满意的，事项将退回重新办理（返工）。"
              >
                <Checkbox data-testid="action-substantive">问题未实质解决</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        {fields.includes('archiveNo') && (
          <Form.Item
            label="档案号"
            name="archiveNo"
            rules={[{ required: true, whitespace: true, message: '请填写档案号' }]}
          >
            <Input maxLength={60} />
          </Form.Item>
        )}
        <Form.Item
          label={reasonLabel}
          name="reason"
          rules={
            reasonRequired ? [{ required: true, whitespace: true, message: `请填写${reasonLabel}` }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-reason" />
        </Form.Item>
      </Form>
      {mutation.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={`${allowed.label}未成功`}
          description={mutation.error.message}
          data-testid="action-error"
        />
      )}
    </Modal>
  );
}
