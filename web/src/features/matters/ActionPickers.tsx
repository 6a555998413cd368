/** Pickers the action dialog uses: the center above for 上提, a mediator by name. */
import { useQuery } from '@tanstack/react-query';
import { Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { isTerritorial } from '../../../../core/domain/orgs';
import { fetchOrg, orgKeys } from '../../api/orgs';
import { listUsers, userKeys } from '../../api/users';
import { useCan, useMe } from '../../app/auth';
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
export function MediatorSelect({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const me = useMe();
  const can = useCan();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const readable = can('user.read');
  const params = { page: 1, pageSize: 50, role: 'mediator' as const, q: q || undefined };
  const users = useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    enabled: readable,
  });
  const self = me.roles.includes('mediator') ? [{ value: me.id, label: `本人（${me.displayName}）` }] : [];
  if (!readable) {
    return self.length > 0 ? (
      <Select<string>
        value={value}
        onChange={onChange}
        options={self}
        placeholder="选择调解员"
        data-testid="action-mediator"
      />
    ) : (
      <Input
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        placeholder="调解员的用户编号"
        maxLength={64}
        aria-label="调解员的用户编号"
        data-testid="action-mediator"
      />
    );
  }
  const options = [
    ...self,
    ...(users.data?.items ?? [])
      .filter((u) => u.id !== me.id)
      .map((u) => ({ value: u.id, label: u.org ? `${u.displayName}（${u.org.name}）` : u.displayName })),
  ];
  return (
    <Select<string>
      value={value}
      onChange={onChange}
      options={options}
      loading={users.isFetching}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      placeholder="输入姓名搜索调解员"
      notFoundContent={users.isError ? '调解员加载失败' : '无匹配的调解员'}
      data-testid="action-mediator"
    />
  );
}
