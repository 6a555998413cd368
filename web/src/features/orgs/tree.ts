import type { OrgTreeNode } from '../../../../core/contracts/orgs';

export interface OrgIndex {
  byId: Map<string, OrgTreeNode>;
  parentOf: Map<string, string>;
}

/** One pass over the tree (≈1,500 nodes for a district) to answer parent and lookup questions. */
export function indexTree(root: OrgTreeNode): OrgIndex {
  const byId = new Map<string, OrgTreeNode>();
  const parentOf = new Map<string, string>();
  const stack: OrgTreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    byId.set(node.id, node);
    for (const c of node.children) {
      parentOf.set(c.id, node.id);
      stack.push(c);
    }
  }
  return { byId, parentOf };
}

/** Ids from the root down to the parent of `id` (empty for the root or an unknown id). */
export function ancestorIds(index: OrgIndex, id: string): string[] {
  const out: string[] = [];
  let cur = index.parentOf.get(id);
  while (cur) {
    out.unshift(cur);
    cur = index.parentOf.get(cur);
  }
  return out;
}
