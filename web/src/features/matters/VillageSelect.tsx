import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useRef, useState } from 'react';
import { orgKeys, searchOrgs } from '../../api/orgs';
import { useDebounced } from '../../components/useDebounced';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Picks a village (村、社区) of the caller's jurisdiction by typing part of its name. */
export function VillageSelect({ value, onChange, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const params = { kind: 'village' as const, q: q || undefined, limit: 30 };
  const villages = useQuery({
    queryKey: orgKeys.search(params),
    queryFn: ({ signal }) => searchOrgs(params, signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  // Labels seen so far: the chosen village keeps its name when a later search no longer lists it.
  const known = useRef(new Map<string, string>());
  const options = (villages.data ?? []).map((v) => ({
    value: v.id,
    label: v.pathNames.length > 1 ? `${v.name}（${v.pathNames.slice(1).join(' / ')}）` : v.name,
  }));
  for (const o of options) known.current.set(o.value, o.label);
  const chosen = value ? known.current.get(value) : undefined;
  if (value && chosen && !options.some((o) => o.value === value)) options.unshift({ value, label: chosen });
  return (
    <Select<string>
      {...rest}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      placeholder="输入村（社区）名称搜索"
      loading={villages.isFetching}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      notFoundContent={
        villages.isError ? '村（社区）加载失败' : villages.isFetching ? '正在搜索…' : '无匹配的村（社区）'
      }
      options={options}
      style={{ width: '100%' }}
    />
  );
}
