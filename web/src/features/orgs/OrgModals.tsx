import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import {
  type CreateOrgBody,
  createOrgBodySchema,
  type OrgDetail,
  type UpdateOrgBody,
  updateOrgBodySchema,
} from '../../../../core/contracts/orgs';
import { allowedChildKinds, isTerritorial, type OrgKind, orgKindLabels } from '../../../../core/domain/orgs';
import { createOrg, orgKeys, updateOrg } from '../../api/orgs';
import { applyServerFieldErrors } from '../../components/formErrors';
import { useReportError } from '../../components/useReportError';
import { zodRule } from '../../components/zodRule';

type CreatableKind = CreateOrgBody['kind'];
const creatable: readonly string[] = createOrgBodySchema.shape.kind.options;

/** Kinds a user may add under the parent: the domain's rule, minus territorial kinds (those come from division codes). */
export function creatableChildKinds(parent: OrgKind): CreatableKind[] {
  return allowedChildKinds(parent).filter((k): k is CreatableKind => creatable.includes(k));
}

interface CreateProps {
  parent: OrgDetail;
  onClose: () => void;
  onCreated: (org: OrgDetail) => void;
}

interface CreateValues {
  kind: CreatableKind;
  name: string;
}

export function OrgCreateModal({ parent, onClose, onCreated }: CreateProps) {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const kinds = creatableChildKinds(parent.kind);

  const mutation = useMutation({
    mutationFn: (v: CreateValues) => createOrg({ parentId: parent.id, kind: v.kind, name: v.name.trim() }),
    onSuccess: async (created) => {
      message.success(`已新增“${created.name}”`);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      onCreated(created);
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, ['kind', 'name'], e)) report(e, '新增失败');
    },
  });

  return (
    <Modal
      open
      title={`在“${parent.name}”下新增组织`}
      okText="新增"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: kinds[0] }}
        onFinish={(v) => mutation.mutate(v)}
        aria-label="新增组织"
      >
        <Form.Item label="组织类型" name="kind" rules={[{ required: true, message: '请选择组织类型' }]}>
          <Select options={kinds.map((k) => ({ value: k, label: orgKindLabels[k] }))} />
        </Form.Item>
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            zodRule(createOrgBodySchema.shape.name),
          ]}
        >
          <Input maxLength={60} showCount placeholder="如：某某村人民调解委员会" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditProps {
  org: OrgDetail;
  onClose: () => void;
}

interface EditValues {
  name: string;
  centerName?: string;
  contact?: string;
}

export function OrgEditModal({ org, onClose }: EditProps) {
  const [form] = Form.useForm<EditValues>();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const territorial = isTerritorial(org.kind);

  const mutation = useMutation({
    mutationFn: (body: UpdateOrgBody) => updateOrg(org.id, body),
    onSuccess: async () => {
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      onClose();
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, ['name', 'centerName', 'contact'], e)) report(e, '保存失败');
    },
  });

  const submit = (v: EditValues) => {
    // Send only what changed: PATCH means "these fields".
    const body: UpdateOrgBody = {};
    const name = v.name.trim();
    if (name !== org.name) body.name = name;
    const centerName = v.centerName?.trim();
    if (territorial && centerName && centerName !== org.centerName) body.centerName = centerName;
    const contact = v.contact?.trim();
    if (contact && contact !== org.contact) body.contact = contact;
    if (Object.keys(body).length === 0) {
      message.info('没有要修改的内容');
      onClose();
      return;
    }
    mutation.mutate(body);
  };

  return (
    <Modal
      open
      title={`修改“${org.name}”`}
      okText="保存"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: org.name,
          centerName: org.centerName ?? undefined,
          contact: org.contact ?? undefined,
        }}
        onFinish={submit}
        aria-label="修改组织"
      >
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            zodRule(createOrgBodySchema.shape.name),
          ]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        {territorial && (
          <Form.Item
            label="综治中心名称"
            name="centerName"
            rules={[zodRule(updateOrgBodySchema.shape.centerName)]}
            extra="如：东大街街道综治中心"
          >
            <Input maxLength={60} showCount />
          </Form.Item>
        )}
        <Form.Item
          label="群众联系方式"
          name="contact"
          rules={[zodRule(updateOrgBodySchema.shape.contact)]}
          extra="印在转送（交办）告知书上，如：0935-1234567（工作日 8:30–18:00）"
        >
          <Input maxLength={100} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
