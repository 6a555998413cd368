import { AuditOutlined, ClusterOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { levelLabels, orgKindLabels } from '../../../../core/domain/orgs';
import type { Action } from '../../../../core/domain/permissions';
import { roleLabels } from '../../../../core/domain/roles';
import { fetchOrg, orgKeys } from '../../api/orgs';
import { useCan, useMe } from '../../app/auth';
import { actionDescriptions } from '../../app/permissionLabels';
import { useCountyName } from '../../app/useCountyName';
import { SafetyTile } from './SafetyTile';
import { WorkCounts } from './WorkCounts';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

interface QuickLink {
  to: string;
  title: string;
  description: string;
  icon: ReactNode;
  action: Action;
}

const quickLinks: QuickLink[] = [
  {
    to: '/region',
    title: '全市总览',
    description: '本市（本省）各县区的受理、办结和各项比率',
    icon: <ClusterOutlined aria-hidden />,
    action: 'dashboard.region',
  },
  {
    to: '/orgs',
    title: '组织机构',
    description: '辖区内的镇（街道）、村（社区）和各类组织',
    icon: <ClusterOutlined aria-hidden />,
    action: 'org.read',
  },
  {
    to: '/map',
    title: '网格地图',
    description: '查看网格划分，点选位置查询所属网格',
    icon: <EnvironmentOutlined aria-hidden />,
    action: 'grid.read',
  },
  {
    to: '/users',
    title: '用户管理',
    description: '辖区内的账号、角色和状态',
    icon: <TeamOutlined aria-hidden />,
    action: 'user.read',
  },
  {
    to: '/audit',
    title: '审计日志',
    description: '操作记录与哈希链校验',
    icon: <AuditOutlined aria-hidden />,
    action: 'audit.read',
  },
];

export function HomePage() {
  const me = useMe();
  const can = useCan();
  const countyName = useCountyName(me.countyCode);
  const orgId = me.org?.id;
  const org = useQuery({
    queryKey: orgKeys.detail(orgId ?? ''),
    queryFn: ({ signal }) => fetchOrg(orgId ?? '', signal),
    enabled: Boolean(orgId) && can('org.read'),
  });

  const links = quickLinks.filter((l) => can(l.action));
  const jurisdiction = me.org ? `${me.org.name}及其下属组织` : `${countyName}全域`;
  const path = org.data ? [...org.data.ancestors.map((a) => a.name), org.data.name].join(' / ') : null;

  return (
    <div style={{ maxWidth: 1200 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="greeting">
        {greeting(dayjs().hour())}，{me.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{dayjs().format('YYYY年M月D日 dddd')}</Typography.Paragraph>

      <Row gutter={[16, 16]}>
        {me.permissions.includes('matter.work') && (
          <Col xs={24}>
            <WorkCounts />
          </Col>
        )}
        {can('dispatch.act') && (
          <Col xs={24}>
            <SafetyTile />
          </Col>
        )}
        <Col xs={24} lg={14}>
          <Card title="我的岗位" style={{ height: '100%' }}>
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label="所属县（区）">{countyName}</Descriptions.Item>
              <Descriptions.Item label="所属组织">
                {me.org ? (
                  <>
                    {me.org.name} <Tag>{orgKindLabels[me.org.kind]}</Tag>
                    <Tag>{levelLabels[me.org.level]}</Tag>
                  </>
                ) : (
                  '未归属组织'
                )}
              </Descriptions.Item>
              {path && <Descriptions.Item label="组织层级">{path}</Descriptions.Item>}
              <Descriptions.Item label="管辖范围">{jurisdiction}</Descriptions.Item>
              <Descriptions.Item label="角色">
                {me.roles.map((r) => (
                  <Tag key={r} color="blue">
                    {roleLabels[r]}
                  </Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
            {org.data && (
              <Row gutter={16} style={{ marginTop: 12 }}>
                <Col span={8}>
                  <Statistic title="下级组织" value={org.data.childCount} />
                </Col>
                <Col span={8}>
                  <Statistic title="用户" value={org.data.userCount} />
                </Col>
                <Col span={8}>
                  <Statistic title="网格" value={org.data.gridCount} />
                </Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="我可以做什么" style={{ height: '100%' }}>
            {me.permissions.length === 0 ? (
              <Typography.Text type="secondary">当前角色暂无管理功能权限。</Typography.Text>
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }} data-testid="capabilities">
                {me.permissions.map((p) => (
                  <li key={p}>{actionDescriptions[p]}</li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        {links.length > 0 && (
          <Col xs={24}>
            <Card title="快捷入口">
              <Row gutter={[16, 16]} role="list">
                {links.map((l) => (
                  <Col key={l.to} xs={24} sm={12} xl={6} role="listitem">
                    <Link to={l.to} style={{ display: 'block', height: '100%' }}>
                      <Card hoverable size="small" style={{ height: '100%' }}>
                        <Card.Meta
                          avatar={
                            <span aria-hidden style={{ fontSize: 24, color: '#1f5fa8' }}>
                              {l.icon}
                            </span>
                          }
                          title={l.title}
                          description={l.description}
                        />
                      </Card>
                    </Link>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
