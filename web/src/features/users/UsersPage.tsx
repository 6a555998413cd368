import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { UserSummary } from '../../../../core/contracts/users';
import { type Role, roleLabels, roles } from '../../../../core/domain/roles';
import { listUsers, resetTwoFactor, unlockUser, updateUser, userKeys } from '../../api/users';
import { useCan, useMe } from '../../app/auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useReportError } from '../../components/useReportError';
import { PasswordResetApprovals } from './PasswordResetApprovals';
import { ResetPasswordModal, RolesModal, UserFormModal } from './UserModals';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserSummary }
  | { kind: 'roles'; user: UserSummary }
  | { kind: 'password'; user: UserSummary };

function StatusTags({ user }: { user: UserSummary }) {
  return (
    <>
      {!user.disabled && !user.locked && <Tag color="green">正常</Tag>}
      {user.disabled && <Tag color="red">已停用</Tag>}
      {user.locked && <Tag color="orange">已锁定</Tag>}
      {user.twoFactorEnrolled && <Tag color="blue">两步验证</Tag>}
      {user.mustChangePassword && <Tag>待本人改密</Tag>}
    </>
  );
}

export function UsersPage() {
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState<string | undefined>();
  const [role, setRole] = useState<Role | undefined>();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const params = { page, pageSize, q: q || undefined, orgId, role };
  const list = useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    placeholderData: keepPreviousData,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });

  const toggleDisabled = useMutation({
    mutationFn: (u: UserSummary) => updateUser(u.id, { disabled: !u.disabled }),
    onSuccess: async (u) => {
      message.success(u.disabled ? `已停用“${u.displayName}”` : `已启用“${u.displayName}”`);
      await refresh();
    },
    onError: (e) => report(e),
  });
  const unlock = useMutation({
    mutationFn: (u: UserSummary) => unlockUser(u.id),
    onSuccess: async (_r, u) => {
      message.success(`已解锁“${u.displayName}”`);
      await refresh();
    },
    onError: (e) => report(e, '解锁失败'),
  });

  const unbind = useMutation({
    mutationFn: (u: UserSummary) => resetTwoFactor(u.id),
    onSuccess: async (_r, u) => {
      message.success(`已解除“${u.displayName}”的身份验证器绑定，本人下次登录后须重新绑定`);
      await refresh();
    },
    onError: (e) => report(e, '解除绑定失败'),
  });

  const canManage = can('user.manage');
  const canGrant = can('user.grant_role');
  const canUnlock = can('user.unlock');

  const allColumns: ColumnsType<UserSummary> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 140,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: '姓名', dataIndex: 'displayName', width: 170 },
    { title: '手机', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '所属组织', key: 'org', width: 200, render: (_v, u) => u.org?.name ?? '—' },
    {
      title: '角色',
      key: 'roles',
      width: 200,
      render: (_v, u) => (
        <Space size={[0, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={r} color="blue">
              {roleLabels[r]}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: '状态', key: 'status', width: 110, render: (_v, u) => <StatusTags user={u} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_v, u) => {
        const self = u.id === me.id;
        return (
          <Space size={0} wrap>
            {canManage && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                编辑
              </Button>
            )}
            {canGrant && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', user: u })}>
                角色
              </Button>
            )}
            {canManage && (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
                重置密码
              </Button>
            )}
            {canManage && !self && (
              <Popconfirm
                title={u.disabled ? `启用“${u.displayName}”的账号？` : `停用“${u.displayName}”的账号？`}
                description={u.disabled ? undefined : '停用后该账号不能登录，可随时重新启用。'}
                okText={u.disabled ? '启用' : '停用'}
                okButtonProps={{ danger: !u.disabled }}
                cancelText="取消"
                onConfirm={() => toggleDisabled.mutateAsync(u).catch(() => undefined)}
              >
                <Button type="link" size="small" danger={!u.disabled}>
                  {u.disabled ? '启用' : '停用'}
                </Button>
              </Popconfirm>
            )}
            {canUnlock && u.twoFactorEnrolled && !self && (
              <Popconfirm
                title={`解除“${u.displayName}”的身份验证器绑定？`}
                description="仅用于手机丢失或更换：请先当面核实本人身份。"
                okText="解除"
                cancelText="取消"
                onConfirm={() => unbind.mutateAsync(u).catch(() => undefined)}
              >
                <Button type="link" size="small">
                  解除两步验证
                </Button>
              </Popconfirm>
            )}
            {canUnlock && u.locked && (
              <Popconfirm
                title={`解锁“${u.displayName}”的账号？`}
                okText="解锁"
                cancelText="取消"
                onConfirm={() => unlock.mutateAsync(u).catch(() => undefined)}
              >
                <Button type="link" size="small">
                  解锁
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  // Readers without any account permission (a leader, the business admin) get no empty 操作 column.
  const columns =
    canManage || canGrant || canUnlock ? allColumns : allColumns.filter((c) => c.key !== 'actions');

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        用户管理
      </Typography.Title>
      {can('user.approve_reset') && <PasswordResetApprovals />}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12, width: '100%' }}>
          <Input.Search
            allowClear
            placeholder="用户名、姓名"
            aria-label="按用户名或姓名搜索"
            enterButton="搜索"
            maxLength={50}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 260 }}
            data-testid="user-search"
          />
          <OrgTreeSelect
            allowClear
            placeholder="按组织筛选"
            aria-label="按组织筛选"
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setPage(1);
            }}
            style={{ width: 220 }}
          />
          <Select<Role>
            allowClear
            placeholder="按角色筛选"
            aria-label="按角色筛选"
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
            style={{ width: 160 }}
          />
          <Button
            icon={<ReloadOutlined aria-hidden />}
            aria-label="刷新列表"
            onClick={() => void refresh()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="user-create"
            >
              新建用户
            </Button>
          )}
        </Space>
        {list.isError && (
          <Alert
            type="error"
            showIcon
            title="用户列表加载失败"
            description={list.error.message}
            style={{ marginBottom: 12 }}
          />
        )}
        {/* The list scrolls sideways on a phone: the region itself takes the focus, so a keyboard
            user can scroll it too (axe scrollable-region-focusable); antd's own scroll box cannot. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll box must take the focus to be scrolled by keyboard (WCAG 2.1.1) */}
        <section aria-label="用户列表" tabIndex={0} style={{ overflowX: 'auto' }}>
          <div style={{ minWidth: columns.length === allColumns.length ? 1320 : 1100 }}>
            <Table<UserSummary>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              locale={{ emptyText: list.isPending ? '正在加载…' : '没有符合条件的用户' }}
              pagination={{
                current: page,
                pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                showTotal: (t) => `共 ${t} 人`,
                onChange: (p, ps) => {
                  setPage(ps === pageSize ? p : 1);
                  setPageSize(ps);
                },
              }}
              data-testid="user-table"
            />
          </div>
        </section>
      </Card>

      {dialog?.kind === 'create' && <UserFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'roles' && <RolesModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
