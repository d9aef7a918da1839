"use client";

import { SEGMENT_FIELDS, type SegmentField, type SegmentGroup, type SegmentNode } from "@dangol/domain";
import { newRule } from "../fields.ts";
import type { SegmentsDictionary } from "../i18n.ts";
import { addChild, type NodePath, removeNode, updateNode } from "../tree.ts";
import { type BuilderChoices, RuleEditor } from "./rule-editor.tsx";

const CATEGORIES = [...new Set(SEGMENT_FIELDS.map((f) => f.category))];

/**
 * One group of the tree, drawn recursively: AND/OR, NOT, its children, and the pickers that add
 * a rule (by category) or a nested group. Every edit goes back up as a new root (tree.ts).
 */
export function GroupEditor({
  root,
  path,
  onChange,
  choices,
  w,
  readOnly,
}: {
  root: SegmentGroup;
  path: NodePath;
  onChange: (root: SegmentGroup) => void;
  choices: BuilderChoices;
  w: SegmentsDictionary;
  readOnly: boolean;
}) {
  let group: SegmentNode = root;
  for (const i of path) group = (group as SegmentGroup).children[i]!;
  const g = group as SegmentGroup;
  const set = (patch: Partial<SegmentGroup>) =>
    onChange(updateNode(root, path, (node) => ({ ...(node as SegmentGroup), ...patch })));
  const depth = path.length;

  return (
    <fieldset
      disabled={readOnly}
      data-testid={`group-${path.join("-") || "root"}`}
      className={`flex flex-col gap-2 rounded-xl border p-3 ${g.negate ? "border-red-300 bg-red-50/40" : "border-slate-300 bg-slate-50"}`}
    >
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <div className="inline-flex overflow-hidden rounded-md border border-slate-300">
          {(["and", "or"] as const).map((op) => (
            <button
              key={op}
              type="button"
              aria-pressed={g.op === op}
              onClick={() => set({ op })}
              className={`px-3 py-1 ${g.op === op ? "bg-slate-900 text-white" : "bg-white text-slate-700"}`}
            >
              {w.builder[op]}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={g.negate} onChange={(e) => set({ negate: e.target.checked })} />
          {w.builder.not}
        </label>
        {depth > 0 ? (
          <button
            type="button"
            onClick={() => onChange(removeNode(root, path))}
            className="ml-auto text-red-700 underline"
          >
            {w.builder.remove}
          </button>
        ) : null}
      </div>
      {g.children.length === 0 ? <p className="text-sm text-slate-500">{w.builder.emptyGroup}</p> : null}
      {g.children.map((child, i) => {
        const childPath = [...path, i];
        return child.kind === "group" ? (
          <GroupEditor
            key={i}
            root={root}
            path={childPath}
            onChange={onChange}
            choices={choices}
            w={w}
            readOnly={readOnly}
          />
        ) : (
          <RuleEditor
            key={i}
            rule={child}
            choices={choices}
            w={w}
            onChange={(rule) => onChange(updateNode(root, childPath, () => rule))}
            onRemove={() => onChange(removeNode(root, childPath))}
          />
        );
      })}
      {readOnly ? null : (
        <div className="flex flex-wrap items-center gap-2">
          <select
            aria-label={w.builder.pickField}
            value=""
            onChange={(e) => {
              if (e.target.value) onChange(addChild(root, path, newRule(e.target.value as SegmentField)));
            }}
            className="min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            <option value="">{w.builder.addRule}</option>
            {CATEGORIES.map((category) => (
              <optgroup key={category} label={w.categories[category] ?? category}>
                {SEGMENT_FIELDS.filter((f) => f.category === category).map((f) => (
                  <option key={f.field} value={f.field}>
                    {w.fieldNames[f.field] ?? f.field}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {depth < 4 ? (
            <button
              type="button"
              onClick={() => onChange(addChild(root, path, { kind: "group", op: "or", negate: false, children: [] }))}
              className="min-h-9 rounded-md border border-slate-300 bg-white px-3 text-sm"
            >
              {w.builder.addGroup}
            </button>
          ) : null}
        </div>
      )}
    </fieldset>
  );
}
