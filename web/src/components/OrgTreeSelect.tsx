import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import type { OrgTreeNode } from '../../../core/contracts/orgs';
import { useOrgTree } from './useOrgTree';

interface Option {
  value: string;
  title: string;
  children: Option[];
}

function toOptions(n: OrgTreeNode): Option {
  return { value: n.id, title: n.name, children: n.children.map(toOptions) };
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'aria-label'?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** Picks one org of the caller's jurisdiction; searchable by name, virtualized for ~1,500 nodes. */
export function OrgTreeSelect({
  value,
  onChange,
  placeholder = '选择组织',
  allowClear,
  style,
  ...rest
}: Props) {
  const tree = useOrgTree();
  const treeData = useMemo(() => (tree.data ? [toOptions(tree.data)] : []), [tree.data]);
  const rootId = tree.data?.id;
  return (
    <TreeSelect<string>
      {...rest}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={tree.isPending}
      notFoundContent={tree.isError ? '组织机构加载失败' : '无匹配的组织'}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootId ? [rootId] : []}
      popupMatchSelectWidth={false}
      listHeight={320}
      style={{ minWidth: 200, ...style }}
    />
  );
}
