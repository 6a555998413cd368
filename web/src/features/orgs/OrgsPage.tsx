import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, type GetRef, Grid, Input, Row, Spin, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { OrgTreeNode } from '../../../../core/contracts/orgs';
import { isTerritorial, orgKindLabels } from '../../../../core/domain/orgs';
import { orgKeys, searchOrgs } from '../../api/orgs';
import { PageSpin } from '../../components/PageSpin';
import { useDebounced } from '../../components/useDebounced';
import { useOrgTree } from '../../components/useOrgTree';
import { useWindowHeight } from '../../components/useWindowHeight';
import { OrgDetailPanel } from './OrgDetailPanel';
import { ancestorIds, indexTree } from './tree';

// One line per node: the virtual list of the tree expects rows of equal height.
const titleStyle = {
  display: 'block',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

function toDataNode(n: OrgTreeNode): DataNode {
  const label = isTerritorial(n.kind) ? n.name : `${n.name}（${orgKindLabels[n.kind]}）`;
  return {
    key: n.id,
    title: (
      <span style={titleStyle} title={label}>
        {n.name}
        {!isTerritorial(n.kind) && (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {orgKindLabels[n.kind]}
          </Typography.Text>
        )}
      </span>
    ),
    children: n.children.map(toDataNode),
    isLeaf: n.children.length === 0,
  };
}

export function OrgsPage() {
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.lg;
  const windowHeight = useWindowHeight();
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [scrollTarget, setScrollTarget] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const debouncedQ = useDebounced(q.trim(), 300);

  const index = useMemo(() => (tree.data ? indexTree(tree.data) : null), [tree.data]);
  const treeData = useMemo(() => (tree.data ? [toDataNode(tree.data)] : []), [tree.data]);
  const rootId = tree.data?.id ?? null;
  const selectedId = params.get('id') ?? rootId;

  // Open the root once the tree arrives, and the ancestors of an org given in the address (?id=).
  const initialId = useRef(params.get('id'));
  useEffect(() => {
    if (!index || !rootId) return;
    const fromUrl = initialId.current;
    const open = fromUrl ? ancestorIds(index, fromUrl) : [];
    setExpanded((prev) => [...new Set([...prev, rootId, ...open])]);
    if (fromUrl) setScrollTarget(fromUrl);
  }, [index, rootId]);

  useEffect(() => {
    if (!scrollTarget) return;
    // Wait one frame so the expanded nodes exist in the virtual list.
    const t = requestAnimationFrame(() =>
      treeRef.current?.scrollTo({ key: scrollTarget, align: 'top', offset: 40 }),
    );
    setScrollTarget(null);
    return () => cancelAnimationFrame(t);
  }, [scrollTarget]);

  const select = useCallback(
    (id: string, opts: { reveal?: boolean } = {}) => {
      setParams(
        (p) => {
          const np = new URLSearchParams(p);
          np.set('id', id);
          return np;
        },
        { replace: true },
      );
      if (opts.reveal && index) {
        setExpanded((prev) => [...new Set([...prev, ...ancestorIds(index, id)])]);
        setScrollTarget(id);
      }
      if (isMobile) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
    [index, isMobile, setParams],
  );

  const search = useQuery({
    queryKey: orgKeys.search({ q: debouncedQ, limit: 20 }),
    queryFn: ({ signal }) => searchOrgs({ q: debouncedQ, limit: 20 }, signal),
    enabled: debouncedQ.length > 0,
  });

  const treeHeight = isMobile ? 360 : Math.max(360, windowHeight - 330);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        组织机构
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card size="small" title="组织树" styles={{ body: { padding: 12 } }}>
            <Input
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder="按名称搜索组织"
              aria-label="按名称搜索组织"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              maxLength={50}
              data-testid="org-search"
            />
            {debouncedQ && (
              <section aria-label="搜索结果" style={{ marginTop: 8, maxHeight: 260, overflow: 'auto' }}>
                {search.isPending ? (
                  <Spin size="small" />
                ) : search.isError ? (
                  <Alert type="error" showIcon title={search.error.message} />
                ) : search.data.length === 0 ? (
                  <Typography.Text type="secondary">没有名称包含“{debouncedQ}”的组织</Typography.Text>
                ) : (
                  <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="org-search-results">
                    {search.data.map((o) => (
                      <li key={o.id}>
                        <Button
                          type="text"
                          block
                          style={{
                            height: 'auto',
                            textAlign: 'start',
                            padding: '4px 8px',
                            whiteSpace: 'normal',
                          }}
                          onClick={() => select(o.id, { reveal: true })}
                        >
                          <span style={{ display: 'block', width: '100%' }}>
                            <span>{o.name}</span>
                            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                              {orgKindLabels[o.kind]}
                            </Typography.Text>
                            {o.pathNames.length > 0 && (
                              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                                {o.pathNames.join(' / ')}
                              </Typography.Text>
                            )}
                          </span>
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}
            <div style={{ marginTop: 12 }}>
              {tree.isPending ? (
                <PageSpin tip="正在加载组织树…" />
              ) : tree.isError ? (
                <Alert type="error" showIcon title="组织树加载失败" description={tree.error.message} />
              ) : treeData.length === 0 ? (
                <Empty description="暂无组织" />
              ) : (
                <Tree
                  ref={treeRef}
                  treeData={treeData}
                  height={treeHeight}
                  virtual
                  blockNode
                  showLine={{ showLeafIcon: false }}
                  expandedKeys={expanded}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => {
                    const k = keys[0];
                    if (k !== undefined) select(String(k));
                  }}
                  aria-label="组织树"
                  data-testid="org-tree"
                />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <div ref={detailRef} style={{ scrollMarginTop: 64 }}>
            {selectedId ? (
              <OrgDetailPanel
                id={selectedId}
                isRoot={selectedId === rootId}
                onSelect={(id) => select(id, { reveal: true })}
              />
            ) : (
              <Card>
                <Empty description="请在左侧选择组织" />
              </Card>
            )}
          </div>
        </Col>
      </Row>
    </div>
  );
}
