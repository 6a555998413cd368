import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useRef, useState } from 'react';
import { listMatters, matterKeys } from '../../api/matters';
import { useDebounced } from '../../components/useDebounced';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  'data-testid'?: string;
}

/** Picks one or more matters of the jurisdiction (a cluster of related ones) by code or title. */
export function MatterMultiSelect({ value, onChange, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const params = { queue: 'all' as const, page: 1, pageSize: 30, q: q || undefined };
  const matters = useQuery({
    queryKey: matterKeys.list(params),
    queryFn: ({ signal }) => listMatters(params, signal),
    placeholderData: keepPreviousData,
  });
  const known = useRef(new Map<string, string>());
  const options = (matters.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.title}（${m.code}）` }));
  for (const o of options) known.current.set(o.value, o.label);
  for (const v of value ?? [])
    if (!options.some((o) => o.value === v)) options.unshift({ value: v, label: known.current.get(v) ?? v });
  return (
    <Select<string[]>
      {...rest}
      mode="multiple"
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder="输入事项编号或标题搜索，可选多件相关事项"
      loading={matters.isFetching}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      notFoundContent={matters.isFetching ? '正在搜索…' : '无匹配的事项'}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
