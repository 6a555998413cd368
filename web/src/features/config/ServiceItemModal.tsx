/**
 * One service catalog item (服务事项): what it is, who handles it at which level, the materials to bring
 * (the one-time notice lists exactly these), legal basis and time limit. The server checks it again on
 * save, with the rest of the catalog. A statutory time limit's number is fixed by the law.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { categoriesForKind } from '../../../../core/domain/catalog/categories';
import { matterKindLabels, matterKinds } from '../../../../core/domain/matters/model';
import { levelLabels } from '../../../../core/domain/orgs';
import { statutoryRules } from '../../../../core/domain/time-limits/statutory-rules';
import type { CategoryInput, ServiceItemInput } from '../../api/catalog';

type Values = Omit<ServiceItemInput, 'keywords' | 'categoryCode'> & {
  keywords?: string[];
  categoryCode?: string | null;
};

const units = [
  { value: 'calendar_day', label: '日' },
  { value: 'working_day', label: '个工作日' },
  { value: 'month', label: '个月' },
] as const;

export function ServiceItemModal({
  item,
  takenCodes,
  categories,
  saving,
  onOk,
  onCancel,
}: {
  item: ServiceItemInput | null;
  takenCodes: string[];
  categories: CategoryInput[];
  saving: boolean;
  onOk: (item: ServiceItemInput) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? item?.kind;
  const basis = Form.useWatch(['timeLimit', 'basis'], form) ?? item?.timeLimit.basis;
  const statutory = basis ? statutoryRules[basis] : undefined;
  const initial: Partial<Values> = item ?? {
    kind: 'dispute',
    level: 'village',
    public: true,
    materials: [],
    legalBasis: [],
    keywords: [],
    timeLimit: {
      amount: 15,
      unit: 'working_day',
      basis: 'LOCAL-SVC',
      confidence: 'low',
      commitment: '办结并答复',
    },
  };

  const finish = (v: Values) => {
    const { categoryCode, ...rest } = v;
    onOk({
      // Fields the form does not show are kept as they were.
      ...(item ?? {}),
      ...rest,
      ...(categoryCode ? { categoryCode } : { categoryCode: undefined }),
      code: (item?.code ?? v.code).trim(),
      // The form shows only some of the time limit's fields; confidence and note are kept.
      timeLimit: { ...(item?.timeLimit ?? initial.timeLimit!), ...v.timeLimit },
      keywords: v.keywords ?? [],
      materials: (v.materials ?? []).map((m) => ({
        name: m.name.trim(),
        required: m.required === true,
        ...(m.note?.trim() ? { note: m.note.trim() } : {}),
      })),
      legalBasis: v.legalBasis ?? [],
      noticeNotes: (v.noticeNotes ?? []).map((n) => n.trim()).filter(Boolean),
      // Reviewed by the county: no longer the shipped demo content.
      demo: false,
    });
  };

  return (
    <Modal
      open
      width={720}
      title={item ? `修改服务事项 ${item.code}` : '新增服务事项'}
      okText="保存为新版本"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'service-modal-ok' } as Record<string, string>}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={finish}>
        <Form.Item
          name="code"
          label="编码"
          rules={[
            { required: true, message: '请填写编码' },
            { pattern: /^SVC-\d{2,3}$/, message: '编码格式如 SVC-20' },
            {
              validator: (_r, v: string) =>
                !item && takenCodes.includes(v?.trim())
                  ? Promise.reject(new Error('编码已存在'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={7} disabled={!!item} aria-label="编码" />
        </Form.Item>
        <Form.Item
          name="name"
          label="事项名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input maxLength={40} aria-label="事项名称" data-testid="service-name" />
        </Form.Item>
        <Form.Item
          name="description"
          label="是什么（群众看到的说明）"
          rules={[{ required: true, whitespace: true, message: '请填写说明' }]}
        >
          <Input.TextArea rows={2} maxLength={500} aria-label="事项说明" data-testid="service-description" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="kind" label="事项类型" rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              aria-label="事项类型"
              options={matterKinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
              onChange={() => form.setFieldValue('categoryCode', null)}
            />
          </Form.Item>
          <Form.Item name="categoryCode" label="固定类别（可不选）">
            <Select
              allowClear
              style={{ width: 220 }}
              aria-label="固定类别"
              options={categoriesForKind(kind ?? 'dispute', categories).map((c) => ({
                value: c.code,
                label: `${c.name}（${c.code}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="level" label="办理层级" rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              aria-label="办理层级"
              options={(['village', 'town', 'district'] as const).map((l) => ({
                value: l,
                label: levelLabels[l],
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="handlingOrgHint"
          label="承办单位"
          rules={[{ required: true, whitespace: true, message: '请填写承办单位' }]}
        >
          <Input maxLength={40} aria-label="承办单位" />
        </Form.Item>

        <Typography.Text strong>需要的材料（一次性告知单逐项列出）</Typography.Text>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input
                      placeholder="材料名称"
                      maxLength={80}
                      style={{ width: 240 }}
                      aria-label={`材料 ${f.name + 1} 名称`}
                      data-testid={`material-name-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>必须</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} style={{ marginBottom: 0 }}>
                    <Input placeholder="说明（可不填）" maxLength={200} style={{ width: 200 }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={`删除材料 ${f.name + 1}`} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', required: true })}
                data-testid="material-add"
              >
                添加材料
              </Button>
            </div>
          )}
        </Form.List>

        <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 8 }}>
          办理依据
        </Typography.Paragraph>
        <Form.List name="legalBasis">
          {(fields, { add, remove }) => (
            <div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[f.name, 'title']}
                    rules={[{ required: true, whitespace: true, message: '请填写法律法规名称' }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input placeholder="如：人民调解法（不加书名号）" maxLength={60} style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'article']}
                    rules={[{ required: true, whitespace: true, message: '请填写条款' }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input placeholder="如：第十七条" maxLength={30} style={{ width: 140 }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={`删除依据 ${f.name + 1}`} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', article: '' })}>
                添加依据
              </Button>
            </div>
          )}
        </Form.List>

        <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 8 }}>
          办理时限
        </Typography.Paragraph>
        {statutory ? (
          <Typography.Paragraph type="secondary">
            法定时限（{statutory.citation}），天数不能修改；如本地另有承诺时限，请把依据代码改为以 LOCAL-
            开头。
          </Typography.Paragraph>
        ) : null}
        <Space wrap>
          <Form.Item
            name={['timeLimit', 'amount']}
            label="时限"
            rules={[{ required: true, message: '请填写时限' }]}
          >
            <InputNumber
              min={1}
              max={365}
              disabled={!!statutory}
              aria-label="时限"
              data-testid="service-amount"
            />
          </Form.Item>
          <Form.Item name={['timeLimit', 'unit']} label="单位" rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              disabled={!!statutory}
              aria-label="时限单位"
              options={[...units]}
            />
          </Form.Item>
          <Form.Item
            name={['timeLimit', 'basis']}
            label="依据代码"
            rules={[{ required: true, whitespace: true, message: '请填写依据代码' }]}
          >
            <Input maxLength={40} style={{ width: 160 }} aria-label="依据代码" />
          </Form.Item>
        </Space>
        <Form.Item
          name={['timeLimit', 'commitment']}
          label="到期前完成什么（告知单写作“将在某日前……”）"
          rules={[{ required: true, whitespace: true, message: '请填写' }]}
        >
          <Input maxLength={80} aria-label="到期前完成什么" />
        </Form.Item>
        <Form.Item
          name="noticeNotes"
          label="一次性告知单上的其他提示（每行一条，如收费、权利、救济途径）"
          getValueProps={(v?: string[]) => ({ value: (v ?? []).join('\n') })}
          normalize={(v: string) => v.split('\n')}
        >
          <Input.TextArea rows={3} aria-label="告知单提示" />
        </Form.Item>
        <Form.Item name="keywords" label="搜索关键词">
          <Select mode="tags" aria-label="搜索关键词" tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Space wrap size={24}>
          <Form.Item name="public" label="对群众公开" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="retired" label="停止办理（已登记的事项不受影响）" valuePropName="checked">
            <Switch data-testid="service-retired" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
