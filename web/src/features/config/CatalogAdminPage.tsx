/**
 * 事项目录 in the administrator's console: the county's service catalog, its categories and the notice
 * templates, each edit saved at once as a new version (a stale version is refused) and logged. Intake,
 * 办事指南, the residents' submit page and Open311 read the current version; matters already registered
 * keep their category, their one-time notice and their running deadlines.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { categoryGroupLabels } from '../../../../core/domain/catalog/categories';
import { matterKindLabels, riskGradeLabels } from '../../../../core/domain/matters/model';
import { levelLabels } from '../../../../core/domain/orgs';
import {
  type CategoryInput,
  type CountyCatalog,
  catalogKeys,
  fetchCatalog,
  type ServiceItemInput,
  saveCatalog,
} from '../../api/catalog';
import { PageSpin } from '../../components/PageSpin';
import { timeLimitText } from '../../components/ServiceCatalogList';
import { CategoryModal } from './CategoryModal';
import { NoticeTemplatesPanel } from './NoticeTemplatesPanel';
import { ServiceItemModal } from './ServiceItemModal';
import { VersionHistory } from './VersionHistory';

type Editing =
  | { what: 'service'; item: ServiceItemInput | null }
  | { what: 'category'; item: CategoryInput | null }
  | null;

const retiredTag = <Tag color="default">已停用</Tag>;

export function CatalogAdminPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: catalogKeys.admin, queryFn: ({ signal }) => fetchCatalog(signal) });
  const [editing, setEditing] = useState<Editing>(null);

  const save = useMutation({
    mutationFn: (next: Pick<CountyCatalog, 'categories' | 'services'>) =>
      saveCatalog({ baseVersion: q.data?.version ?? 0, ...next }),
    onSuccess: (res) => {
      qc.setQueryData(catalogKeys.admin, res);
      // The intake forms and 办事指南 read the public catalog: fetch it again.
      qc.invalidateQueries({ queryKey: ['public', 'catalog'] });
      setEditing(null);
      message.success(`已保存为第 ${res.version} 版；已登记的事项和正在计时的期限不受影响。`);
    },
    onError: (e) => message.error(e.message),
  });

  if (q.isPending) return <PageSpin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const { categories, services } = q.data;
  const nameOf = (code: string | undefined) => categories.find((c) => c.code === code)?.name ?? code;

  const upsert = <T extends { code: string }>(list: T[], x: T) =>
    list.some((y) => y.code === x.code) ? list.map((y) => (y.code === x.code ? x : y)) : [...list, x];

  return (
    <Card
      title="事项目录"
      extra={
        <Typography.Text type="secondary" data-testid="catalog-version">
          {q.data.isDefault ? '系统默认目录（未修改过）' : `第 ${q.data.version} 版`}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary">
        每次保存都生成新版本并记入审计日志。修改只影响之后登记的事项：已登记事项的类别、一次性告知单和正在计时的期限不变。类别和服务事项不能删除，不再使用请“停用”。
      </Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'services',
            label: `服务事项（${services.length}）`,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Button onClick={() => setEditing({ what: 'service', item: null })} data-testid="service-add">
                  新增服务事项
                </Button>
                <Table
                  size="small"
                  rowKey="code"
                  pagination={{ pageSize: 20 }}
                  scroll={{ x: 760 }}
                  dataSource={services}
                  columns={[
                    { title: '编码', dataIndex: 'code', width: 80 },
                    {
                      title: '名称',
                      render: (_v, s) => (
                        <Space size={4} wrap>
                          {s.name}
                          {s.retired ? retiredTag : null}
                          {s.public ? null : <Tag>内部</Tag>}
                        </Space>
                      ),
                    },
                    { title: '类型', width: 90, render: (_v, s) => matterKindLabels[s.kind] },
                    { title: '层级', width: 100, render: (_v, s) => levelLabels[s.level] },
                    { title: '材料', width: 60, render: (_v, s) => s.materials.length },
                    { title: '时限', render: (_v, s) => timeLimitText(s) },
                    {
                      title: '操作',
                      width: 80,
                      fixed: 'right',
                      render: (_v, s) => (
                        <Button
                          size="small"
                          onClick={() => setEditing({ what: 'service', item: s })}
                          aria-label={`修改服务事项 ${s.name}`}
                          data-testid={`service-edit-${s.code}`}
                        >
                          修改
                        </Button>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'categories',
            label: `事项类别（${categories.length}）`,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Button
                  onClick={() => setEditing({ what: 'category', item: null })}
                  data-testid="category-add"
                >
                  新增类别
                </Button>
                <Table
                  size="small"
                  rowKey="code"
                  pagination={{ pageSize: 20 }}
                  scroll={{ x: 720 }}
                  dataSource={categories}
                  columns={[
                    { title: '编码', dataIndex: 'code', width: 100 },
                    {
                      title: '名称',
                      render: (_v, c) => (
                        <Space size={4} wrap>
                          {c.parentCode ? `└ ${c.name}` : c.name}
                          {c.retired ? retiredTag : null}
                        </Space>
                      ),
                    },
                    { title: '分组', width: 120, render: (_v, c) => categoryGroupLabels[c.group] },
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
                    {
                      title: '上级',
                      width: 110,
                      render: (_v, c) => (c.parentCode ? nameOf(c.parentCode) : '—'),
                    },
                    {
                      title: '操作',
                      width: 80,
                      fixed: 'right',
                      render: (_v, c) => (
                        <Button
                          size="small"
                          onClick={() => setEditing({ what: 'category', item: c })}
                          aria-label={`修改类别 ${c.name}`}
                          data-testid={`category-edit-${c.code}`}
                        >
                          修改
                        </Button>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'history',
            label: '版本记录',
            children: <VersionHistory history={q.data.history} testId="catalog-history" />,
          },
          { key: 'notices', label: '通知模板', children: <NoticeTemplatesPanel /> },
        ]}
      />
      {editing?.what === 'service' ? (
        <ServiceItemModal
          item={editing.item}
          takenCodes={services.map((s) => s.code)}
          categories={categories}
          saving={save.isPending}
          onCancel={() => setEditing(null)}
          onOk={(item) => save.mutate({ categories, services: upsert(services, item) })}
        />
      ) : null}
      {editing?.what === 'category' ? (
        <CategoryModal
          category={editing.item}
          categories={categories}
          saving={save.isPending}
          onCancel={() => setEditing(null)}
          onOk={(c) => save.mutate({ categories: upsert(categories, c), services })}
        />
      ) : null}
    </Card>
  );
}
