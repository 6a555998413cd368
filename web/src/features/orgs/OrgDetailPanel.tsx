import { CheckCircleOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Tag,
} from 'antd';
import { useState } from 'react';
import type { OrgDetail } from '../../../../core/contracts/orgs';
import { levelLabels, orgKindLabels } from '../../../../core/domain/orgs';
import { fetchOrg, orgKeys, updateOrg } from '../../api/orgs';
import { useCan } from '../../app/auth';
import { PageSpin } from '../../components/PageSpin';
import { useReportError } from '../../components/useReportError';
import { creatableChildKinds, OrgCreateModal, OrgEditModal } from './OrgModals';

interface Props {
  id: string;
  isRoot: boolean;
  onSelect: (id: string) => void;
}

export function OrgDetailPanel({ id, isRoot, onSelect }: Props) {
  const can = useCan();
  const org = useQuery({ queryKey: orgKeys.detail(id), queryFn: ({ signal }) => fetchOrg(id, signal) });
  const [modal, setModal] = useState<'create' | 'edit' | null>(null);

  if (org.isPending) {
    return (
      <Card>
        <PageSpin />
      </Card>
    );
  }
  if (org.isError) {
    return (
      <Card>
        <Alert type="error" showIcon title="无法加载该组织" description={org.error.message} />
      </Card>
    );
  }
  const o = org.data;
  const manage = can('org.manage');
  const childKinds = creatableChildKinds(o.kind);

  return (
    <Card
      data-testid="org-detail"
      title={
        <Space wrap size={4}>
          <span style={{ fontSize: 17 }}>{o.name}</span>
          <Tag color="blue">{orgKindLabels[o.kind]}</Tag>
          {o.synthetic && <Tag color="orange">演示数据</Tag>}
          {!o.active && <Tag color="red">已停用</Tag>}
        </Space>
      }
    >
      {o.ancestors.length > 0 && (
        <nav aria-label="上级组织" style={{ marginBottom: 16 }}>
          <Breadcrumb
            items={[
              ...o.ancestors.map((a) => ({
                key: a.id,
                title: (
                  <a
                    href={`?id=${a.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onSelect(a.id);
                    }}
                  >
                    {a.name}
                  </a>
                ),
              })),
              { key: o.id, title: o.name },
            ]}
          />
        </nav>
      )}

      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        bordered
        items={[
          { key: 'kind', label: '类型', children: orgKindLabels[o.kind] },
          { key: 'level', label: '层级', children: levelLabels[o.level] },
          { key: 'code', label: '区划代码', children: o.divisionCode ?? '—' },
          { key: 'center', label: '综治中心', children: o.centerName ?? '—' },
          { key: 'contact', label: '群众联系方式', children: o.contact ?? '—' },
          { key: 'status', label: '状态', children: o.active ? '正常' : '已停用' },
          { key: 'source', label: '数据来源', children: o.synthetic ? '演示数据（自动生成）' : '正式数据' },
        ]}
      />

      <Row gutter={16} style={{ marginTop: 20 }}>
        <Col span={8}>
          <Statistic title="下级组织" value={o.childCount} />
        </Col>
        <Col span={8}>
          <Statistic title="用户" value={o.userCount} />
        </Col>
        <Col span={8}>
          <Statistic title="网格" value={o.gridCount} />
        </Col>
      </Row>

      {manage && (
        <Space wrap style={{ marginTop: 20 }}>
          {childKinds.length > 0 && o.active && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setModal('create')}
              data-testid="org-add-child"
            >
              新增下级组织
            </Button>
          )}
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setModal('edit')} data-testid="org-edit">
            重命名
          </Button>
          {!isRoot && <ActiveToggle org={o} />}
        </Space>
      )}

      {modal === 'create' && (
        <OrgCreateModal
          parent={o}
          onClose={() => setModal(null)}
          onCreated={(created) => {
            setModal(null);
            onSelect(created.id);
          }}
        />
      )}
      {modal === 'edit' && <OrgEditModal org={o} onClose={() => setModal(null)} />}
    </Card>
  );
}

function ActiveToggle({ org }: { org: OrgDetail }) {
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (active: boolean) => updateOrg(org.id, { active }),
    onSuccess: async (updated) => {
      message.success(updated.active ? '已启用' : '已停用');
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
    },
    onError: (e) => report(e, org.active ? '停用失败' : '启用失败'),
  });

  if (!org.active) {
    return (
      <Button
        icon={<CheckCircleOutlined aria-hidden />}
        loading={mutation.isPending}
        onClick={() => mutation.mutate(true)}
      >
        启用
      </Button>
    );
  }
  return (
    <Popconfirm
      title={`停用“${org.name}”？`}
      description="停用后可随时重新启用，已有数据不会删除。"
      okText="停用"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => mutation.mutateAsync(false).catch(() => undefined)}
    >
      <Button
        danger
        icon={<StopOutlined aria-hidden />}
        loading={mutation.isPending}
        data-testid="org-deactivate"
      >
        停用
      </Button>
    </Popconfirm>
  );
}
