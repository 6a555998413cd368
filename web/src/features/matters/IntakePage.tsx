import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { type IntakeBody, intakeBodySchema, partyInputSchema } from '../../../../core/contracts/matters';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import {
  type Channel,
  channelLabels,
  channels,
  type MatterKind,
  matterKindLabels,
  matterKinds,
  type RiskGrade,
  riskGradeLabels,
  riskGrades,
} from '../../../../core/domain/matters/model';
import { clientId } from '../../api/client';
import { type IntakeResult, intakeMatter, matterKeys } from '../../api/matters';
import { useMe } from '../../app/auth';
import { applyServerFieldErrors } from '../../components/formErrors';
import { ServiceNoticePreview } from '../../components/ServiceNoticePreview';
import { useReportError } from '../../components/useReportError';
import { zodRule } from '../../components/zodRule';
import { categoryOptions, serviceItem, serviceItems } from './options';
import { useCountyCatalog } from './useCountyCatalog';
import { VillageSelect } from './VillageSelect';

type PartyRole = 'applicant' | 'respondent' | 'other';

interface PartyValues {
  role: PartyRole;
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
  representative?: boolean;
}

interface IntakeValues {
  kind: MatterKind;
  channel: Channel;
  categoryCode?: string;
  serviceCode?: string;
  title: string;
  description: string;
  riskGrade?: RiskGrade;
  urgent: boolean;
  villageId?: string;
  address?: string;
  applicantCount?: number | null;
  /** 收到之日 (YYYY-MM-DD) when earlier than today: a letter, a transfer slip (信访工作条例 art. 22–23). */
  receivedDate?: string;
  receiptEvidence?: string;
  parties: PartyValues[];
}

/** What the matter page shows once after a successful intake. */
export interface IntakeNotice {
  code: string;
  duplicates: IntakeResult['duplicates'];
  /** A petitioner's query code, shown once: written on his 受理告知书 so he can follow it online. */
  trackingSecret?: string | null;
}

const partyRoleLabels: Record<PartyRole, string> = {
  applicant: '反映人（申请人）',
  respondent: '被反映人（被申请人）',
  other: '其他当事人',
};

const shape = intakeBodySchema.shape;
const partyShape = partyInputSchema.shape;
const topFields = [
  'kind',
  'channel',
  'categoryCode',
  'serviceCode',
  'title',
  'description',
  'riskGrade',
  'receiptEvidence',
];

function blankToUndefined(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

function toBody(v: IntakeValues): IntakeBody {
  return {
    kind: v.kind,
    channel: v.channel,
    categoryCode: v.categoryCode ?? '',
    serviceCode: v.serviceCode || undefined,
    title: v.title.trim(),
    description: v.description.trim(),
    riskGrade: v.riskGrade,
    urgent: v.urgent || undefined,
    place: { villageId: v.villageId || undefined, address: blankToUndefined(v.address) },
    parties: v.parties.map((p) => ({
      role: p.role,
      name: (p.name ?? '').trim(),
      phone: blankToUndefined(p.phone),
      idNumber: blankToUndefined(p.idNumber)?.toUpperCase(),
      address: blankToUndefined(p.address),
      representative: p.representative || undefined,
    })),
    applicantCount: v.applicantCount ?? undefined,
    // The day in Beijing time; the clocks count from the next day (docs/LEGAL.md §0).
    ...(v.receivedDate
      ? {
          receivedAt: new Date(`${v.receivedDate}T00:00:00+08:00`).toISOString(),
          receiptEvidence: blankToUndefined(v.receiptEvidence),
        }
      : {}),
  };
}

export function IntakePage() {
  const me = useMe();
  const { catalog } = useCountyCatalog(me.countyCode);
  const navigate = useNavigate();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IntakeValues>();
  const kind = Form.useWatch('kind', form);
  const serviceCode = Form.useWatch('serviceCode', form);
  // One key per distinct submission: a retry of the same content is answered with the first result.
  const attempt = useRef<{ json: string; key: string } | null>(null);

  const kinds = matterKinds.filter((k) => k !== 'report' || me.permissions.includes('matter.report'));
  const service = serviceItem(serviceCode, catalog);

  const mutation = useMutation({
    mutationFn: (body: IntakeBody) => {
      const json = JSON.stringify(body);
      if (attempt.current?.json !== json) attempt.current = { json, key: clientId() };
      return intakeMatter(body, attempt.current.key);
    },
    onSuccess: async (res) => {
      attempt.current = null;
      await queryClient.invalidateQueries({ queryKey: matterKeys.all });
      queryClient.setQueryData(matterKeys.detail(res.matter.id), res.matter);
      const notice: IntakeNotice = {
        code: res.matter.code,
        duplicates: res.duplicates,
        trackingSecret: res.trackingSecret,
      };
      navigate(`/matters/${res.matter.id}`, { state: { intake: notice } });
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, topFields, e)) report(e, '登记失败');
    },
  });

  const onValuesChange = (changed: Partial<IntakeValues>) => {
    if (changed.kind) form.setFieldsValue({ categoryCode: undefined, serviceCode: undefined });
    if (changed.categoryCode && !form.isFieldTouched('riskGrade')) {
      const c = categoryByCode(changed.categoryCode, catalog.categories);
      if (c) form.setFieldValue('riskGrade', c.riskHint);
    }
    if (changed.serviceCode) {
      const item = serviceItem(changed.serviceCode, catalog);
      const code = item?.categoryCode;
      if (
        code &&
        !form.getFieldValue('categoryCode') &&
        categoryByCode(code, catalog.categories)?.kinds.includes(item.kind)
      ) {
        form.setFieldValue('categoryCode', code);
      }
    }
  };

  return (
    <div style={{ maxWidth: 1100 }}>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/matters')}>
          返回事项列表
        </Button>
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        登记事项
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        首问负责：在{me.org?.name ?? '本单位'}窗口登记的事项，由本单位负责到底，流转后签收前仍由本单位负责。
      </Typography.Paragraph>
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        aria-label="登记事项"
        data-testid="intake-form"
        initialValues={{
          kind: 'dispute',
          channel: 'walk_in',
          urgent: false,
          villageId: me.org?.kind === 'village' ? me.org.id : undefined,
          parties: [{ role: 'applicant' }, { role: 'respondent' }],
        }}
        onValuesChange={onValuesChange}
        onFinish={(v) => mutation.mutate(toBody(v))}
        scrollToFirstError
      >
        <Card title="事项信息" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="事项类型" name="kind" rules={[{ required: true, message: '请选择事项类型' }]}>
                <Select<MatterKind>
                  options={kinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
                  data-testid="intake-kind"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="事项类别"
                name="categoryCode"
                rules={[{ required: true, message: '请选择事项类别' }]}
              >
                <Select<string>
                  placeholder="选择类别"
                  options={categoryOptions(kind, catalog)}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="intake-category"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="来源渠道"
                name="channel"
                rules={[{ required: true, message: '请选择来源渠道' }]}
              >
                <Select<Channel>
                  options={channels.map((c) => ({ value: c, label: channelLabels[c] }))}
                  data-testid="intake-channel"
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                label="服务事项（可选）"
                name="serviceCode"
                extra="选择服务事项后，下方显示一次性告知的全部材料，可当面告知群众。"
              >
                <Select<string>
                  allowClear
                  placeholder="选择服务目录中的事项"
                  options={serviceItems(kind, false, catalog).map((i) => ({
                    value: i.code,
                    label: `${i.name}（${i.code}）`,
                  }))}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="intake-service"
                />
              </Form.Item>
              {service && (
                <div style={{ marginBottom: 16 }}>
                  <ServiceNoticePreview item={service} />
                </div>
              )}
            </Col>
            <Col xs={24}>
              <Form.Item
                label="标题"
                name="title"
                rules={[
                  { required: true, whitespace: true, message: '请填写事项标题' },
                  zodRule(shape.title),
                ]}
              >
                <Input
                  maxLength={80}
                  showCount
                  placeholder="一句话说明事项，如：邻里排水沟堵塞纠纷"
                  data-testid="intake-title"
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                label="事情经过与诉求"
                name="description"
                rules={[
                  { required: true, whitespace: true, message: '请把事情经过写清楚' },
                  zodRule(shape.description),
                ]}
              >
                <Input.TextArea
                  rows={4}
                  maxLength={5000}
                  showCount
                  placeholder="时间、地点、涉及的人、发生了什么、希望怎么解决"
                  data-testid="intake-description"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="风险等级" name="riskGrade" extra="按类别预填，可调整。">
                <Select<RiskGrade>
                  allowClear
                  placeholder="未评估"
                  options={riskGrades.map((r) => ({ value: r, label: riskGradeLabels[r] }))}
                  data-testid="intake-risk"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="紧急（事不过夜）" name="urgent" valuePropName="checked">
                <Switch checkedChildren="紧急" unCheckedChildren="一般" aria-label="是否紧急" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="来访人数（多人时填写）"
                name="applicantCount"
                extra="多人反映同一事项时填写总人数。"
              >
                <InputNumber min={1} max={10000} style={{ width: '100%' }} aria-label="来访人数" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="收到日期（早于今天收到时填写）"
                name="receivedDate"
                extra="来信、转送件、迟发现的网上信访：期限从收到之日起算。"
              >
                <Input type="date" aria-label="收到日期" data-testid="intake-received" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item label="收到日期依据" name="receiptEvidence" extra="如：信封邮戳日期、转送单编号。">
                <Input maxLength={200} aria-label="收到日期依据" data-testid="intake-receipt-evidence" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="事发地点" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item label="所在村（社区）" name="villageId">
                <VillageSelect aria-label="所在村（社区）" data-testid="intake-village" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item
                label="详细地址"
                name="address"
                rules={[zodRule(shape.place.shape.address.unwrap())]}
              >
                <Input maxLength={200} placeholder="街道门牌或具体位置" data-testid="intake-address" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="当事人" size="small" style={{ marginBottom: 16 }}>
          <Form.List
            name="parties"
            rules={[
              {
                validator: async (_r, parties: PartyValues[] | undefined) => {
                  if (!parties?.some((p) => p.role === 'applicant'))
                    throw new Error('至少填写一位反映人（申请人）');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <fieldset
                    key={field.key}
                    aria-label={`当事人 ${i + 1}`}
                    data-testid={`party-${i}`}
                    style={{
                      border: 'none',
                      borderBottom: '1px dashed #e8ecf1',
                      margin: '0 0 12px',
                      padding: 0,
                    }}
                  >
                    <Row gutter={12} align="bottom">
                      <Col xs={24} sm={12} md={5}>
                        <Form.Item
                          label="身份"
                          name={[field.name, 'role']}
                          rules={[{ required: true, message: '请选择' }]}
                        >
                          <Select<PartyRole>
                            options={(Object.keys(partyRoleLabels) as PartyRole[]).map((r) => ({
                              value: r,
                              label: partyRoleLabels[r],
                            }))}
                            data-testid={`party-${i}-role`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} md={4}>
                        <Form.Item
                          label="姓名或名称"
                          name={[field.name, 'name']}
                          rules={[
                            { required: true, whitespace: true, message: '请填写姓名' },
                            zodRule(partyShape.name),
                          ]}
                        >
                          <Input maxLength={60} autoComplete="off" data-testid={`party-${i}-name`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} md={4}>
                        <Form.Item
                          label="手机号码"
                          name={[field.name, 'phone']}
                          rules={[zodRule(partyShape.phone.unwrap())]}
                        >
                          <Input
                            inputMode="tel"
                            maxLength={11}
                            autoComplete="off"
                            data-testid={`party-${i}-phone`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12} md={5}>
                        <Form.Item
                          label="身份证号码"
                          name={[field.name, 'idNumber']}
                          rules={[zodRule(partyShape.idNumber.unwrap())]}
                        >
                          <Input maxLength={18} autoComplete="off" data-testid={`party-${i}-id`} />
                        </Form.Item>
                      </Col>
                      <Col xs={16} sm={8} md={4}>
                        <Form.Item name={[field.name, 'representative']} valuePropName="checked">
                          <Checkbox data-testid={`party-${i}-rep`}>推选代表</Checkbox>
                        </Form.Item>
                      </Col>
                      <Col xs={8} sm={4} md={2}>
                        <Form.Item>
                          <Button
                            danger
                            type="text"
                            icon={<DeleteOutlined aria-hidden />}
                            aria-label={`删除当事人 ${i + 1}`}
                            onClick={() => remove(field.name)}
                            disabled={fields.length <= 1}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24}>
                        <Form.Item label="住址（可选）" name={[field.name, 'address']}>
                          <Input maxLength={200} autoComplete="off" />
                        </Form.Item>
                      </Col>
                    </Row>
                  </fieldset>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ role: 'other' })}
                  disabled={fields.length >= 200}
                  data-testid="party-add"
                >
                  添加当事人
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        {mutation.isError && !mutation.isPending && (
          <Alert
            type="error"
            showIcon
            title="登记未成功"
            description={mutation.error.message}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={mutation.isPending}
            size="large"
            data-testid="intake-submit"
          >
            登记
          </Button>
          <Button size="large" onClick={() => navigate('/matters')}>
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}
