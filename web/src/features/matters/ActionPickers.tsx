/** Pickers the action dialog uses: the center above for 上提, a mediator by name. */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { isTerritorial } from '../../../../core/domain/orgs';
import { listMediators, mediatorKeys } from '../../api/mediators';
import { fetchOrg, orgKeys } from '../../api/orgs';
import { useMe } from '../../app/auth';
import { useDebounced } from '../../components/useDebounced';

/** 上提 goes to the center directly above the owner: its territorial ancestors, nearest first. */
export function EscalateTargetSelect({
  ownerId,
  value,
  onChange,
}: {
  ownerId: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const owner = useQuery({
    queryKey: orgKeys.detail(ownerId),
    queryFn: ({ signal }) => fetchOrg(ownerId, signal),
    staleTime: 5 * 60_000,
  });
  const options = [...(owner.data?.ancestors ?? [])]
    .reverse()
    .filter((a) => isTerritorial(a.kind))
    .map((a) => ({ value: a.id, label: a.name }));
  // The center directly above is the only valid target in practice: choose it for the user.
  const nearest = options[0]?.value;
  useEffect(() => {
    if (!value && nearest) onChange?.(nearest);
  }, [value, nearest, onChange]);
  return (
    <Select<string>
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={owner.isPending}
      options={options}
      placeholder="选择上一级综治中心"
      notFoundContent={owner.isError ? '上级单位加载失败' : '没有可上提的单位'}
      aria-label="接收单位"
      data-testid="action-to-org"
    />
  );
}

/** Mediators by name when the user may read accounts; otherwise the user id (or oneself). */
/**
 * The mediator, from the county's roster (调解员名册): name, where they sit, what they mediate and
 * which courts have them on their roster, so the parties can choose (人民调解法 art. 19).
 */
export function MediatorSelect({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const me = useMe();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const roster = useQuery({
    queryKey: mediatorKeys.list(q),
    queryFn: ({ signal }) => listMediators(q, signal),
  });
  const options = (roster.data ?? []).map((m) => {
    const about = [
      m.org?.name,
      m.specialties.length ? `擅长${m.specialties.join('、')}` : '',
      m.courtRosters.length ? `${m.courtRosters.join('、')}特邀调解员` : '',
    ].filter(Boolean);
    return {
      value: m.userId,
      label: `${m.userId === me.id ? '本人：' : ''}${m.displayName}${about.length ? `（${about.join('；')}）` : ''}`,
    };
  });
  return (
    <Select<string>
      value={value}
      onChange={onChange}
      options={options}
      loading={roster.isFetching}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      placeholder="输入姓名搜索调解员"
      notFoundContent={roster.isError ? '调解员名册加载失败' : '无匹配的调解员'}
      data-testid="action-mediator"
    />
  );
}
