/**
 * One category (事项类别). Codes are stored on matters and in routing rules, so an existing code is
 * never changed and a category is retired, not deleted: a retired one takes no new matters, and the
 * matters filed under it keep showing it. The petition-only fields (导入程序, 检举人保护) stay as shipped.
 */
import { Form, Input, Modal, Select, Space, Switch } from 'antd';
import { categoryGroupLabels, categoryGroups } from '../../../../core/domain/catalog/categories';
import {
  matterKindLabels,
  matterKinds,
  riskGradeLabels,
  riskGrades,
} from '../../../../core/domain/matters/model';
import type { CategoryInput } from '../../api/catalog';

const codePrefix = { mediation: 'MED', petition: 'PET', grid_event: 'GRID' } as const;

export function CategoryModal({
  category,
  categories,
  saving,
  onOk,
  onCancel,
}: {
  category: CategoryInput | null;
  categories: CategoryInput[];
  saving: boolean;
  onOk: (c: CategoryInput) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<CategoryInput>();
  const group = Form.useWatch('group', form) ?? category?.group ?? 'mediation';
  const initial: Partial<CategoryInput> = category ?? {
    group: 'mediation',
    kinds: ['dispute', 'consultation'],
    riskHint: 'yellow',
    labourDispute: false,
    confirmable: true,
    source: '本地做法',
  };

  const finish = (v: CategoryInput) => {
    onOk({
      ...(category ?? {}),
      ...v,
      code: (category?.code ?? v.code).trim(),
      ...(v.parentCode ? {} : { parentCode: undefined }),
      ...(v.confirmableNote?.trim() ? {} : { confirmableNote: undefined }),
    });
  };

  return (
    <Modal
      open
      width={640}
      title={category ? `修改类别 ${category.code}` : '新增类别'}
      okText="保存为新版本"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'category-modal-ok' } as Record<string, string>}
    >
      <Form<CategoryInput> form={form} layout="vertical" initialValues={initial} onFinish={finish}>
        <Space wrap>
          <Form.Item name="group" label="分组" rules={[{ required: true }]}>
            <Select
              disabled={!!category}
              style={{ width: 160 }}
              aria-label="分组"
              options={categoryGroups.map((g) => ({ value: g, label: categoryGroupLabels[g] }))}
            />
          </Form.Item>
          <Form.Item
            name="code"
            label="编码"
            rules={[
              { required: true, message: '请填写编码' },
              {
                pattern: new RegExp(`^${codePrefix[group]}-\\d{2}(-\\d{2})?$`),
                message: `编码格式如 ${codePrefix[group]}-18 或 ${codePrefix[group]}-01-05`,
              },
              {
                validator: (_r, v: string) =>
                  !category && categories.some((c) => c.code === v?.trim())
                    ? Promise.reject(new Error('编码已存在（停用的类别也占用编码）'))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input maxLength={10} disabled={!!category} style={{ width: 140 }} aria-label="类别编码" />
          </Form.Item>
        </Space>
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input maxLength={30} aria-label="类别名称" data-testid="category-name" />
        </Form.Item>
        <Form.Item name="parentCode" label="上级类别（可不选）">
          <Select
            allowClear
            aria-label="上级类别"
            options={categories
              .filter((c) => c.group === group && !c.parentCode && c.code !== category?.code && !c.retired)
              .map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="kinds"
          label="适用的事项类型"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种' }]}
        >
          <Select
            mode="multiple"
            aria-label="适用的事项类型"
            options={matterKinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
          />
        </Form.Item>
        <Space wrap size={24}>
          <Form.Item name="riskHint" label="默认风险等级" rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              aria-label="默认风险等级"
              options={riskGrades.map((g) => ({ value: g, label: riskGradeLabels[g] }))}
            />
          </Form.Item>
          <Form.Item name="labourDispute" label="劳动争议（15 日调解期限）" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="confirmable" label="可申请司法确认" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="confirmableNote" label="司法确认说明（可不填）">
          <Input.TextArea rows={2} maxLength={500} aria-label="司法确认说明" />
        </Form.Item>
        <Form.Item
          name="source"
          label="来源或依据"
          rules={[{ required: true, whitespace: true, message: '请写明来源或依据' }]}
        >
          <Input maxLength={200} aria-label="来源或依据" />
        </Form.Item>
        <Form.Item
          name="retired"
          label="停用（不再受理新事项，已登记的事项仍显示该类别）"
          valuePropName="checked"
        >
          <Switch data-testid="category-retired" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
