import type { SegmentGroup, SegmentNode } from "@dangol/domain";

/** Where a node sits in the tree: child indexes from the root group down. */
export type NodePath = readonly number[];

function groupAt(root: SegmentGroup, path: NodePath): SegmentGroup {
  let group = root;
  for (const index of path) {
    const child = group.children[index];
    if (child?.kind !== "group") throw new Error(`no group at ${path.join(".")}`);
    group = child;
  }
  return group;
}

/** A copy of `root` with the node at `path` replaced by `update(node)`; the rest is shared. */
export function updateNode(
  root: SegmentGroup,
  path: NodePath,
  update: (node: SegmentNode) => SegmentNode,
): SegmentGroup {
  if (path.length === 0) {
    const next = update(root);
    if (next.kind !== "group") throw new Error("the root stays a group");
    return next;
  }
  const [head, ...rest] = path as [number, ...number[]];
  const child = root.children[head];
  if (!child) throw new Error(`no node at ${path.join(".")}`);
  const replaced = rest.length === 0 ? update(child) : child.kind === "group" ? updateNode(child, rest, update) : child;
  return { ...root, children: root.children.map((c, i) => (i === head ? replaced : c)) };
}

/** Appends `node` to the group at `path`. */
export function addChild(root: SegmentGroup, path: NodePath, node: SegmentNode): SegmentGroup {
  groupAt(root, path);
  return updateNode(root, path, (group) =>
    group.kind === "group" ? { ...group, children: [...group.children, node] } : group,
  );
}

/** Removes the node at `path` (the root itself cannot be removed). */
export function removeNode(root: SegmentGroup, path: NodePath): SegmentGroup {
  if (path.length === 0) return root;
  const parent = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateNode(root, parent, (group) =>
    group.kind === "group" ? { ...group, children: group.children.filter((_, i) => i !== index) } : group,
  );
}

/** How many rules the tree holds and how deep its groups go (the root is depth 1). */
export function treeSize(group: SegmentGroup): { rules: number; depth: number } {
  let rules = 0;
  let depth = 1;
  for (const child of group.children) {
    if (child.kind === "rule") rules += 1;
    else {
      const inner = treeSize(child);
      rules += inner.rules;
      depth = Math.max(depth, inner.depth + 1);
    }
  }
  return { rules, depth };
}
