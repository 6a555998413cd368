/**
 * 办事指南 for residents: the public service catalog and the legal services (法律咨询, 心理疏导,
 * 简案速裁) with where and how, searchable, laid out for a 375 px phone. Nothing personal here.
 */
import { Alert, Input, Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PageSpin } from '../../components/PageSpin';
import { ServiceCatalogList } from '../../components/ServiceCatalogList';
import { useCountyCatalog } from '../matters/useCountyCatalog';
import { PublicCard } from './PublicCard';
import { usePublicCounty } from './usePublicCounty';

/** The legal-service entries of the catalog (公共法律服务 at the centers). */
const legalServiceNames = ['法律咨询', '心理疏导', '简案速裁'];

export function PublicServicesPage() {
  const [q, setQ] = useState('');
  const [group, setGroup] = useState<'all' | 'legal'>('all');
  const county = usePublicCounty();
  // The county's catalog as its administrator last saved it.
  const current = useCountyCatalog(county.data?.code);
  const { catalog } = current;
  const items = useMemo(() => {
    const words = q.trim();
    return catalog.services.filter(
      (s) =>
        s.public &&
        (group === 'all' || legalServiceNames.includes(s.name)) &&
        (!words ||
          s.name.includes(words) ||
          s.description.includes(words) ||
          s.keywords.some((k) => k.includes(words) || words.includes(k))),
    );
  }, [q, group, catalog]);
  return (
    <PublicCard size="small" title="办事指南" data-testid="public-services">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          先看清要带什么、谁来办、多久办结，再
          <Link to="/public/submit" style={{ textDecoration: 'underline' }}>
            网上反映
          </Link>
          或到村（社区）、镇（街道）综治中心办理。
        </Typography.Paragraph>
        <Segmented
          block
          value={group}
          onChange={(v) => setGroup(v as 'all' | 'legal')}
          options={[
            { value: 'all', label: '全部服务' },
            { value: 'legal', label: '法律服务' },
          ]}
          aria-label="服务分类"
        />
        <Input.Search
          allowClear
          placeholder="搜索，如：工资、邻里、离婚"
          aria-label="搜索服务事项"
          onChange={(e) => setQ(e.target.value)}
        />
        {current.isError || county.isError ? (
          <Alert type="error" showIcon title="暂时无法连接服务器，请稍后再试。" />
        ) : current.isPending ? (
          <PageSpin />
        ) : (
          <ServiceCatalogList items={items} />
        )}
        {catalog.demo ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            演示目录：正式上线时由本县（区）发布自己的服务事项目录。
          </Typography.Text>
        ) : null}
      </Space>
    </PublicCard>
  );
}
