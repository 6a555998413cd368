/** One routing rule's condition, target, priority and reason; checked again by the server on save. */
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import {
  matterKindLabels,
  matterKinds,
  riskGradeLabels,
  riskGrades,
} from '../../../../core/domain/matters/model';
import { levelLabels } from '../../../../core/domain/orgs';
import type { RoutingRule } from '../../api/config';
import { useAdminCategories } from './useAdminCategories';

interface Values {
  id: string;
  priority: number;
  kinds?: RoutingRule['when']['kinds'];
  categoryCodes?: string[];
  riskGrades?: RoutingRule['when']['riskGrades'];
  level: RoutingRule['target']['level'];
  department?: string;
  reason: string;
}

const levels = ['village', 'town', 'district'] as const;

export function RuleEditModal({
  rule,
  takenIds,
  onOk,
  onCancel,
}: {
  rule: RoutingRule | null;
  takenIds: string[];
  onOk: (rule: RoutingRule) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const categories = useAdminCategories();
  const initial: Partial<Values> = rule
    ? {
        id: rule.id,
        priority: rule.priority,
        kinds: rule.when.kinds,
        categoryCodes: rule.when.categoryCodes,
        riskGrades: rule.when.riskGrades,
        level: rule.target.level,
        department: rule.target.department,
        reason: rule.reason,
      }
    : { priority: 500, level: 'village' };

  const finish = (v: Values) => {
    const when: RoutingRule['when'] = { ...(rule?.when ?? {}) };
    when.kinds = v.kinds?.length ? v.kinds : undefined;
    when.categoryCodes = v.categoryCodes?.length ? v.categoryCodes : undefined;
    when.riskGrades = v.riskGrades?.length ? v.riskGrades : undefined;
    onOk({
      id: v.id.trim(),
      priority: v.priority,
      when: Object.fromEntries(Object.entries(when).filter(([, x]) => x !== undefined)),
      target: { level: v.level, ...(v.department?.trim() ? { department: v.department.trim() } : {}) },
      reason: v.reason.trim(),
    });
  };

  return (
    <Modal
      open
      title={rule ? `修改规则 ${rule.id}` : '新增规则'}
      okText="确定"
      cancelText="取消"
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'rule-modal-ok' } as Record<string, string>}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={finish}>
        <Form.Item
          name="id"
          label="规则编号"
          rules={[
            { required: true, whitespace: true, message: '请填写规则编号' },
            {
              validator: (_r, v: string) =>
                takenIds.includes(v?.trim())
                  ? Promise.reject(new Error('规则编号已存在'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={60} disabled={!!rule} aria-label="规则编号" />
        </Form.Item>
        <Form.Item
          name="priority"
          label="优先级（大的先比对）"
          rules={[{ required: true, message: '请填写优先级' }]}
        >
          <InputNumber min={0} max={100000} style={{ width: '100%' }} aria-label="优先级" />
        </Form.Item>
        <Form.Item name="kinds" label="事项类型（不选为任何类型）">
          <Select
            mode="multiple"
            allowClear
            aria-label="事项类型"
            options={matterKinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
          />
        </Form.Item>
        <Form.Item name="categoryCodes" label="事项类别（不选为任何类别）">
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label="事项类别"
            options={categories.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
          />
        </Form.Item>
        <Form.Item name="riskGrades" label="风险等级（不选为任何等级）">
          <Select
            mode="multiple"
            allowClear
            aria-label="风险等级"
            options={riskGrades.map((g) => ({ value: g, label: riskGradeLabels[g] }))}
          />
        </Form.Item>
        <Form.Item name="level" label="分流到" rules={[{ required: true, message: '请选择层级' }]}>
          <Select
            aria-label="分流到"
            data-testid="rule-level"
            options={levels.map((l) => ({ value: l, label: levelLabels[l] }))}
          />
        </Form.Item>
        <Form.Item name="department" label="区级部门（可不填）">
          <Input maxLength={40} aria-label="区级部门" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由（登记时显示为“为什么在这里”）"
          rules={[
            { required: true, message: '请填写理由' },
            { min: 2, message: '理由至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={300} aria-label="理由" data-testid="rule-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
