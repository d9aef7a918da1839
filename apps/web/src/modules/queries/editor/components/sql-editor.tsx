"use client";

import type { CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { PostgreSQL, type SQLNamespace, sql } from "@codemirror/lang-sql";
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, keymap } from "@codemirror/view";
import { basicSetup, EditorView } from "codemirror";
import { useEffect, useRef } from "react";

/** The analytics views' columns as the page's server component read them from the catalog. */
export type SqlSchema = Record<string, { name: string; type: string; comment: string | null }[]>;

export type SqlEditorProps = {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  schema: SqlSchema;
  /** The defined parameters, offered after `{{`. */
  parameterNames: string[];
  readOnly: boolean;
  /** 1-based character offset of a failed run's error in `value`, as Postgres reports it. */
  errorPosition: number | null;
  label: string;
};

/**
 * lang-sql completes `analytics.customers` and, with defaultSchema, plain `customers`; each column
 * carries its type and the view's documented comment.
 */
function namespace(schema: SqlSchema): SQLNamespace {
  const views: Record<string, SQLNamespace> = {};
  for (const [view, columns] of Object.entries(schema)) {
    views[view] = columns.map((c) => ({
      label: c.name,
      type: "property",
      detail: c.type,
      info: c.comment ?? undefined,
    }));
  }
  return { analytics: views };
}

const setError = StateEffect.define<{ from: number; to: number } | null>();
const errorMark = Decoration.mark({ class: "cm-sql-error" });

/** The failed run's error position, underlined until the text changes. */
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setError)) {
        next = effect.value ? Decoration.set([errorMark.range(effect.value.from, effect.value.to)]) : Decoration.none;
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  "&": { fontSize: "14px", minHeight: "12rem" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", minHeight: "12rem" },
  ".cm-sql-error": { textDecoration: "underline wavy #b91c1c", backgroundColor: "#fee2e2" },
});

/** The word at a 1-based offset (Postgres' "position"), or one character when none. */
function errorRange(doc: string, position: number): { from: number; to: number } | null {
  const from = Math.min(Math.max(position - 1, 0), doc.length);
  if (doc.length === 0) return null;
  let to = from;
  while (to < doc.length && /[\w."]/.test(doc[to] ?? "")) to += 1;
  return { from: Math.min(from, doc.length - 1), to: Math.max(to, Math.min(from + 1, doc.length)) };
}

/**
 * CodeMirror 6 owns its DOM: the view is created once per mount and fed changes through
 * transactions, so React re-renders never rebuild it. Loaded with next/dynamic (no SSR): the page
 * paints with the plain textarea first and this arrives after.
 */
export default function SqlEditor(props: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Handlers and names change on every render; the extensions read them through refs.
  const latest = useRef(props);
  latest.current = props;
  // A refreshed server page sends an equal schema as a new object; only a real change rebuilds.
  const schemaKey = JSON.stringify(props.schema);

  useEffect(() => {
    if (!host.current) return;
    const parameterCompletion = (context: CompletionContext): CompletionResult | null => {
      const typed = context.matchBefore(/\{\{[a-z0-9_]*/);
      if (!typed) return null;
      return {
        from: typed.from + 2,
        options: latest.current.parameterNames.map((name) => ({ label: name, apply: `${name}}}`, type: "variable" })),
        validFor: /^[a-z0-9_]*$/,
      };
    };
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: "Mod-Enter",
                run: () => {
                  latest.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          basicSetup,
          sql({ dialect: PostgreSQL, schema: namespace(JSON.parse(schemaKey)), defaultSchema: "analytics" }),
          EditorState.languageData.of(() => [{ autocomplete: parameterCompletion }]),
          EditorView.lineWrapping,
          EditorState.readOnly.of(props.readOnly),
          EditorView.contentAttributes.of({ "aria-label": props.label }),
          errorField,
          theme,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [schemaKey, props.readOnly]);

  // Text set from outside (the plain textarea, an old version opened) replaces the document.
  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === props.value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: props.value } });
  }, [props.value]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const range = props.errorPosition === null ? null : errorRange(current.state.doc.toString(), props.errorPosition);
    current.dispatch({
      effects: setError.of(range),
      ...(range ? { selection: { anchor: range.from }, scrollIntoView: true } : {}),
    });
  }, [props.errorPosition]);

  return (
    <div ref={host} className="overflow-hidden rounded-md border border-slate-300 bg-white" data-testid="sql-editor" />
  );
}
