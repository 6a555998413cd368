/** Filters of the dashboard: months, place (a town or a village of the leader's subtree), category, kind, level. */
import { Button, DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { categories } from '../../../../core/domain/catalog/categories';
import { matterKindLabels, matterKinds } from '../../../../core/domain/matters/model';
import { levelLabels } from '../../../../core/domain/orgs';
import type { DashboardFilter } from '../../api/dashboard';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useOrgTree } from '../../components/useOrgTree';

export function DashboardFilters({
  value,
  onChange,
}: {
  value: DashboardFilter;
  onChange: (f: DashboardFilter) => void;
}) {
  const tree = useOrgTree();
  const kindOf = (id: string): string | undefined => {
    const stack = tree.data ? [tree.data] : [];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.id === id) return n.kind;
      stack.push(...n.children);
    }
    return undefined;
  };
  const place = value.villageId ?? value.townId;
  return (
    <Space wrap size={8} style={{ marginBottom: 8 }}>
      <DatePicker.RangePicker
        picker="month"
        aria-label="月份范围"
        allowClear
        value={value.from && value.to ? [dayjs(`${value.from}-01`), dayjs(`${value.to}-01`)] : null}
        onChange={(r) =>
          onChange({
            ...value,
            from: r?.[0]?.format('YYYY-MM') ?? undefined,
            to: r?.[1]?.format('YYYY-MM') ?? undefined,
          })
        }
      />
      <OrgTreeSelect
        aria-label="乡镇或村"
        placeholder="全部地区"
        allowClear
        value={place}
        onChange={(id) => {
          const kind = id ? kindOf(id) : undefined;
          onChange({
            ...value,
            townId: kind === 'town' ? id : undefined,
            villageId: kind === 'village' ? id : undefined,
          });
        }}
      />
      <Select
        aria-label="类别"
        placeholder="全部类别"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 160 }}
        value={value.categoryCode}
        onChange={(v) => onChange({ ...value, categoryCode: v })}
        options={categories.map((c) => ({ value: c.code, label: `${c.parentCode ? '　' : ''}${c.name}` }))}
      />
      <Select
        aria-label="事项类型"
        placeholder="全部类型"
        allowClear
        style={{ minWidth: 120 }}
        value={value.kind}
        onChange={(v) => onChange({ ...value, kind: v })}
        options={matterKinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
      />
      <Select
        aria-label="承办层级"
        placeholder="全部层级"
        allowClear
        style={{ minWidth: 110 }}
        value={value.level}
        onChange={(v) => onChange({ ...value, level: v })}
        options={(['district', 'town', 'village'] as const).map((l) => ({ value: l, label: levelLabels[l] }))}
      />
      <Button onClick={() => onChange({})}>重置</Button>
    </Space>
  );
}
