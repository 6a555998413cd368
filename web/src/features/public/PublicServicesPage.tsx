/**
 * 办事指南 for residents: the public service catalog and the legal services (法律咨询, 心理疏导,
 * 简案速裁) with where and how, searchable, laid out for a 375 px phone. Nothing personal here.
 */
import { useMemo, useState } from 'react';
import { Alert } from '../../phone/kit/Alert';
import { Card } from '../../phone/kit/Card';
import { RadioGroup } from '../../phone/kit/Choice';
import { Spin } from '../../phone/kit/Spin';
import { Link } from '../../phone/router';
import { PublicServiceList } from './PublicServiceList';
import { usePublicCatalog } from './usePublicCatalog';
import { usePublicCounty } from './usePublicCounty';

/** The legal-service entries of the catalog (公共法律服务 at the centers). */
const legalServiceNames = ['法律咨询', '心理疏导', '简案速裁'];

export function PublicServicesPage() {
  const [q, setQ] = useState('');
  const [group, setGroup] = useState<'all' | 'legal'>('all');
  const county = usePublicCounty();
  // The county's catalog as its administrator last saved it.
  const current = usePublicCatalog(county.data?.code);
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
    <Card title="办事指南" data-testid="public-services">
      <div className="zz-stack">
        <p className="zz-muted" style={{ margin: 0 }}>
          先看清要带什么、谁来办、多久办结，再
          <Link to="/public/submit" style={{ textDecoration: 'underline' }}>
            网上反映
          </Link>
          或到村（社区）、镇（街道）综治中心办理。
        </p>
        <RadioGroup
          label="服务分类"
          buttons
          value={group}
          onChange={setGroup}
          options={[
            { value: 'all', label: '全部服务' },
            { value: 'legal', label: '法律服务' },
          ]}
        />
        <input
          type="search"
          className="zz-input"
          placeholder="搜索，如：工资、邻里、离婚"
          aria-label="搜索服务事项"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {current.isError || county.isError ? (
          <Alert type="error" title="暂时无法连接服务器，请稍后再试。" />
        ) : current.isPending ? (
          <Spin />
        ) : (
          <PublicServiceList items={items} />
        )}
        {catalog.demo ? (
          <p className="zz-muted zz-small" style={{ margin: 0 }}>
            演示目录：正式上线时由本县（区）发布自己的服务事项目录。
          </p>
        ) : null}
      </div>
    </Card>
  );
}
