/**
 * One dialog per lifecycle action: it asks for exactly the inputs that action takes (CommandInputs in
 * core/domain/matters/commands.ts), a reason when the transition table requires one, and always sends
 * the version the person saw, so a step someone else took meanwhile is refused with their name.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import {
  type ChannelRoute,
  channelRouteLabels,
  channelRoutes,
  matterKindLabels,
  opinionOutcomeLabels,
  opinionOutcomes,
  ratingLabels,
  ratingValues,
  type TerminationReason,
  terminationReasonLabels,
  terminationReasons,
  transferKindLabels,
  transferKinds,
  withdrawalChannelLabels,
  withdrawalChannels,
} from '../../../../core/domain/matters/model';
import { ApiError } from '../../api/client';
import { actOnMatter, matterKeys } from '../../api/matters';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { EscalateTargetSelect, MediatorSelect } from './ActionPickers';
import {
  type AllowedAction,
  consentChannelLabels,
  consentChannels,
  fieldsOf,
  reasonLabels,
  toBody,
  type Values,
} from './action-fields';
import { type FinalMatch, FinalMatches, finalMatchesOf } from './FinalMatches';
import { FollowUpFields } from './FollowUpFields';
import { SessionFields } from './SessionFields';

export type { AllowedAction } from './action-fields';

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
  // Filled once the server asks the clerk to compare with the petitioner's final petitions.
  const [finals, setFinals] = useState<FinalMatch[]>([]);
  // 信访工作条例 art. 46(5): the server warns when the receiving org is the one complained about; the
  // clerk must then tick that they read it before the step is sent again.
  const [complainedWarning, setComplainedWarning] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (v: Values) => actOnMatter(matter.id, toBody(allowed, matter.version, v)),
    onSuccess: (detail) => onDone(detail),
    onError: (e) => {
      const listed = finalMatchesOf(e);
      if (listed.length > 0) setFinals(listed);
      if (e instanceof ApiError && e.code === 'COMPLAINED_ORG_TARGET') setComplainedWarning(e.message);
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
            {matter.kind === 'petition' && (
              // 访调: a petition is mediated only with the petitioner's consent (信访工作条例 art. 33).
              <Space wrap data-testid="petition-consent">
                <Form.Item
                  label="信访人同意调解的方式"
                  name="consentChannel"
                  rules={required('请选择信访人表示同意的方式')}
                >
                  <Select
                    style={{ minWidth: 160 }}
                    options={consentChannels.map((c) => ({ value: c, label: consentChannelLabels[c] }))}
                  />
                </Form.Item>
                <Form.Item label="同意日期" name="consentOn" rules={required('请填写同意日期')}>
                  <Input type="date" max={dayjs().format('YYYY-MM-DD')} />
                </Form.Item>
              </Space>
            )}
          </>
        )}
        {fields.includes('session') && <SessionFields />}
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
            <Form.Item
              label="群众是怎么评价的"
              name="channel"
              rules={required('请选择群众评价的渠道')}
              extra="评价由群众本人作出，您只是代为录入；承办人本人不能录入。"
            >
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'phone', label: '电话告知' },
                  { value: 'visit', label: '上门走访' },
                ]}
                data-testid="action-rating-channel"
              />
            </Form.Item>
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
        {fields.includes('followUpAnswers') && <FollowUpFields />}
        {fields.includes('withdrawal') && (
          <>
            <Form.Item
              label="信访人如何撤回"
              name="withdrawalChannel"
              rules={required('请选择撤回方式')}
              extra="撤回由信访人本人作出，您只是代为登记；承办人本人不能登记。"
            >
              <Radio.Group
                optionType="button"
                options={withdrawalChannels.map((c) => ({ value: c, label: withdrawalChannelLabels[c] }))}
                data-testid="action-withdrawal-channel"
              />
            </Form.Item>
            <Form.Item
              label="撤回凭据"
              name="evidence"
              rules={[{ required: true, whitespace: true, message: '请写明撤回凭据' }]}
              extra="如：信访人签字的撤回申请（已附材料）、电话录音编号。"
            >
              <Input maxLength={500} data-testid="action-withdrawal-evidence" />
            </Form.Item>
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
        {finals.length > 0 && <FinalMatches matches={finals} />}
        <Form.Item
          label={reasonLabel}
          name="reason"
          rules={
            reasonRequired ? [{ required: true, whitespace: true, message: `请填写${reasonLabel}` }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-reason" />
        </Form.Item>
        {complainedWarning && (
          <>
            <Alert
              type="warning"
              showIcon
              role="alert"
              style={{ marginBottom: 8 }}
              title="接收单位是被反映的单位"
              description={complainedWarning}
              data-testid="action-complained-warning"
            />
            <Form.Item
              name="confirmComplainedOrg"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, v) =>
                    v ? Promise.resolve() : Promise.reject(new Error('请先确认已知晓上述提示')),
                },
              ]}
            >
              <Checkbox data-testid="action-complained-confirm">我已知晓，仍交给该单位办理</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
      {mutation.isError &&
        !(mutation.error instanceof ApiError && mutation.error.code === 'COMPLAINED_ORG_TARGET') && (
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
