import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import {
  createUserBodySchema,
  resetPasswordBodySchema,
  type UpdateUserBody,
  type UserSummary,
} from '../../../../core/contracts/users';
import {
  breaksDutySeparation,
  type Role,
  roleLabels,
  roles,
  separatedAdminRoles,
} from '../../../../core/domain/roles';
import {
  createUser,
  isPendingReset,
  resetUserPassword,
  setUserRoles,
  updateUser,
  userKeys,
} from '../../api/users';
import { applyServerFieldErrors } from '../../components/formErrors';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useReportError } from '../../components/useReportError';
import { zodRule } from '../../components/zodRule';

const separated: readonly Role[] = separatedAdminRoles;

/** Roles an account manager may give at creation; the three administrator roles are granted by the security admin. */
export const businessRoles: Role[] = roles.filter((r) => r !== 'resident' && !separated.includes(r));

const shape = createUserBodySchema.shape;

interface FormValues {
  username: string;
  displayName: string;
  phone?: string;
  orgId: string;
  roles: Role[];
  password: string;
  confirm: string;
}

const formFields = ['username', 'displayName', 'phone', 'orgId', 'roles', 'password'] as const;

export function UserFormModal({ user, onClose }: { user?: UserSummary; onClose: () => void }) {
  const editing = user !== undefined;
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();

  const mutation = useMutation({
    mutationFn: async (v: FormValues): Promise<UserSummary | null> => {
      if (!user) {
        return createUser({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          phone: v.phone?.trim() || undefined,
          orgId: v.orgId,
          roles: v.roles,
          password: v.password,
        });
      }
      const body: UpdateUserBody = {};
      if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
      // The list shows masked numbers: an empty field keeps the current one.
      if (v.phone?.trim()) body.phone = v.phone.trim();
      if (v.orgId && v.orgId !== user.org?.id) body.orgId = v.orgId;
      if (Object.keys(body).length === 0) return null;
      return updateUser(user.id, body);
    },
    onSuccess: async (saved) => {
      if (saved === null) message.info('没有要修改的内容');
      else message.success(editing ? '已保存' : `已新建用户“${saved.displayName}”`);
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, formFields, e)) report(e, editing ? '保存失败' : '新建失败');
    },
  });

  return (
    <Modal
      open
      title={editing ? `编辑用户“${user.displayName}”` : '新建用户'}
      okText={editing ? '保存' : '新建'}
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, orgId: user.org?.id }
            : { roles: [] as Role[] }
        }
        aria-label={editing ? '编辑用户' : '新建用户'}
        data-testid="user-form"
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={editing ? [] : [{ required: true, message: '请输入用户名' }, zodRule(shape.username)]}
          extra={editing ? '用户名创建后不能修改。' : '3–32 位小写字母、数字、下划线、点或短横线，用于登录。'}
        >
          <Input
            disabled={editing}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={32}
          />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }, zodRule(shape.displayName)]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="手机号码"
          name="phone"
          rules={[zodRule(shape.phone.unwrap())]}
          extra={editing && user.phone ? `当前：${user.phone}；不修改请留空。` : undefined}
        >
          <Input inputMode="tel" maxLength={11} autoComplete="off" />
        </Form.Item>
        <Form.Item label="所属组织" name="orgId" rules={[{ required: true, message: '请选择所属组织' }]}>
          <OrgTreeSelect placeholder="选择所属组织" />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item
              label="角色"
              name="roles"
              rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}
              extra="系统管理员、安全管理员、审计管理员由安全管理员在“角色”中授予。"
            >
              <Select<Role[]>
                mode="multiple"
                options={businessRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
                placeholder="选择角色"
              />
            </Form.Item>
            <Form.Item
              label="初始密码"
              name="password"
              rules={[{ required: true, message: '请输入初始密码' }, zodRule(shape.password)]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认初始密码"
              name="confirm"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入初始密码' },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: string | undefined) => {
                    if (value && value !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function RolesModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const [selected, setSelected] = useState<Role[]>(user.roles);
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (next: Role[]) => setUserRoles(user.id, next),
    onSuccess: async () => {
      message.success('角色已更新');
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
    onError: (e) => report(e, '角色更新失败'),
  });
  const conflict = breaksDutySeparation(selected);
  const empty = selected.length === 0;
  const options = roles.filter((r) => r !== 'resident' || user.roles.includes('resident'));

  return (
    <Modal
      open
      title={`设置“${user.displayName}”的角色`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ disabled: conflict || empty }}
      confirmLoading={mutation.isPending}
      onOk={() => mutation.mutate(selected)}
      onCancel={onClose}
      destroyOnHidden
    >
      <fieldset style={{ border: 'none', margin: 0, padding: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>角色</legend>
        <Checkbox.Group<Role>
          value={selected}
          onChange={(v) => setSelected(v)}
          options={options.map((r) => ({
            value: r,
            label: separated.includes(r) ? `${roleLabels[r]}（三权分立）` : roleLabels[r],
          }))}
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}
        />
      </fieldset>
      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title="系统管理员、安全管理员、审计管理员三种角色不能由同一人兼任。"
        />
      )}
      {empty && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 12 }}>
          至少选择一个角色
        </Typography.Text>
      )}
    </Modal>
  );
}

interface PasswordValues {
  password: string;
  confirm: string;
}

export function ResetPasswordModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const [form] = Form.useForm<PasswordValues>();
  const { message } = App.useApp();
  const report = useReportError();
  const mutation = useMutation({
    mutationFn: (v: PasswordValues) => resetUserPassword(user.id, v.password),
    onSuccess: (r) => {
      if (isPendingReset(r)) {
        message.info(
          `“${user.displayName}”是领导或业务管理员，密码重置已提交安全管理员审批；批准后新密码才生效`,
        );
      } else {
        message.success(
          `已重置“${user.displayName}”的密码，请当面或通过安全渠道告知本人；本人登录后须立即设置自己的密码`,
        );
      }
      onClose();
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, ['password'], e)) report(e, '重置密码失败');
    },
  });
  return (
    <Modal
      open
      title={`重置“${user.displayName}”的密码`}
      okText="重置"
      cancelText="取消"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        onFinish={(v) => mutation.mutate(v)}
        aria-label="重置密码"
      >
        <Form.Item
          label="新密码"
          name="password"
          rules={[
            { required: true, message: '请输入新密码' },
            zodRule(resetPasswordBodySchema.shape.password),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_r, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
