/**
 * 事项目录 in the administrator's console: the categories and the service catalog as intake uses
 * them. They ship with each release (the demo catalog until the county publishes its own); editing
 * them online is not built yet, so this page says so instead of offering controls that do nothing.
 */
import { Alert, Card, Space, Table, Tabs, Tag } from 'antd';
import { categories, categoryGroupLabels } from '../../../../core/domain/catalog/categories';
import { demoServiceCatalog } from '../../../../core/domain/catalog/demo-service-catalog';
import { matterKindLabels, riskGradeLabels } from '../../../../core/domain/matters/model';
import { ServiceCatalogList } from '../../components/ServiceCatalogList';

export function CatalogAdminPage() {
  return (
    <Card title="事项目录">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="只读"
        description="事项类别和服务事项目录随系统版本发布，暂不支持在线修改；分流去向请在“分流规则”中调整，时限请在“本地时限”中调整。"
      />
      <Tabs
        items={[
          {
            key: 'services',
            label: `服务事项（${demoServiceCatalog.items.length}）`,
            children: <ServiceCatalogList items={demoServiceCatalog.items} showKind />,
          },
          {
            key: 'categories',
            label: `事项类别（${categories.length}）`,
            children: (
              <Table
                size="small"
                rowKey="code"
                pagination={{ pageSize: 20 }}
                scroll={{ x: 640 }}
                dataSource={[...categories]}
                columns={[
                  { title: '代码', dataIndex: 'code', width: 90 },
                  { title: '名称', dataIndex: 'name' },
                  { title: '分组', render: (_v, c) => categoryGroupLabels[c.group] },
                  {
                    title: '适用类型',
                    render: (_v, c) => (
                      <Space size={2} wrap>
                        {c.kinds.map((k) => (
                          <Tag key={k}>{matterKindLabels[k]}</Tag>
                        ))}
                      </Space>
                    ),
                  },
                  { title: '默认风险', width: 90, render: (_v, c) => riskGradeLabels[c.riskHint] },
                  { title: '来源', dataIndex: 'source' },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
