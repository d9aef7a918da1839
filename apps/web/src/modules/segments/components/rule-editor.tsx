"use client";

import { SEGMENT_FACT_WINDOWS, type SegmentRule } from "@dangol/domain";
import { useId } from "react";
import { type ChoiceSource, FIELD_SPECS, type ParamInput } from "../fields.ts";
import type { SegmentsDictionary } from "../i18n.ts";

/** What the server hands the builder to fill its pickers: every option already labelled. */
export type BuilderChoices = {
  options: Record<ChoiceSource, [string, string][]>;
  /** the category tree in display order, level 1–3 */
  categories: { code: string; label: string; level: number }[];
  /** saved segments another rule may refer to */
  segments: [string, string][];
};

const control = "min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

type Params = Record<string, unknown>;

function ParamField({
  input,
  value,
  set,
  choices,
  w,
}: {
  input: ParamInput;
  value: unknown;
  set: (value: unknown) => void;
  choices: BuilderChoices;
  w: SegmentsDictionary;
}) {
  const label = w.paramNames[input.key] ?? input.key;
  const presetsId = useId();
  switch (input.kind) {
    case "choices": {
      const picked = new Set(Array.isArray(value) ? (value as string[]) : []);
      return (
        <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <legend className="sr-only">{label}</legend>
          {choices.options[input.source].map(([v, text]) => (
            <label key={v} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={picked.has(v)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(v);
                  else next.delete(v);
                  // keep the options' order, so the saved rule reads the same way as the screen
                  set(choices.options[input.source].map(([o]) => o).filter((o) => next.has(o)));
                }}
              />
              {text}
            </label>
          ))}
        </fieldset>
      );
    }
    case "choice":
      return (
        <label className="flex items-center gap-1 text-sm">
          <span className="text-slate-600">{label}</span>
          <select value={String(value ?? "")} onChange={(e) => set(e.target.value)} className={control}>
            {choices.options[input.source].map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
          </select>
        </label>
      );
    case "number":
      return (
        <label className="flex items-center gap-1 text-sm">
          <span className="text-slate-600">{label}</span>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            value={typeof value === "number" ? value : ""}
            onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value))}
            className={`${control} w-32 tabular-nums`}
            // the preset windows are counted from pre-aggregated figures: offered first, any other still works
            list={input.unit === "days" ? presetsId : undefined}
          />
          <span className="text-slate-500">{w.units[input.unit]}</span>
          {input.unit === "days" ? (
            <datalist id={presetsId}>
              {SEGMENT_FACT_WINDOWS.map((days) => (
                <option key={days} value={days} />
              ))}
            </datalist>
          ) : null}
        </label>
      );
    case "percent":
      return (
        <label className="flex items-center gap-1 text-sm">
          <span className="text-slate-600">{label}</span>
          <input
            type="number"
            min={0}
            max={100}
            value={typeof value === "number" ? Math.round(value * 1000) / 10 : ""}
            onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value) / 100)}
            className={`${control} w-24 tabular-nums`}
          />
        </label>
      );
    case "date":
      return (
        <label className="flex items-center gap-1 text-sm">
          <span className="text-slate-600">{label}</span>
          <input
            type="date"
            value={typeof value === "string" ? value : ""}
            onChange={(e) => set(e.target.value === "" ? undefined : e.target.value)}
            className={control}
          />
        </label>
      );
    case "toggle":
      return (
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
          {label}
        </label>
      );
    case "scores": {
      const range = value as { min: number; max: number } | undefined;
      const score = (which: "min" | "max") => (
        <select
          aria-label={`${label} ${which === "min" ? w.builder.min : w.builder.max}`}
          value={range?.[which] ?? ""}
          onChange={(e) => {
            const n = Number(e.target.value);
            set(e.target.value === "" ? undefined : { min: range?.min ?? n, max: range?.max ?? n, [which]: n });
          }}
          className={control}
        >
          <option value="">{w.builder.any}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      );
      return (
        <span className="flex items-center gap-1 text-sm">
          <span className="text-slate-600">{label}</span>
          {score("min")}–{score("max")}
        </span>
      );
    }
    case "category":
      return (
        <label className="flex items-center gap-1 text-sm">
          <span className="text-slate-600">{label}</span>
          <select value={String(value ?? "")} onChange={(e) => set(e.target.value)} className={`${control} max-w-72`}>
            <option value="">—</option>
            {choices.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {`${"\u00a0\u00a0".repeat(c.level - 1)}${c.label}`}
              </option>
            ))}
          </select>
        </label>
      );
    case "segment":
      return (
        <label className="flex items-center gap-1 text-sm">
          <span className="text-slate-600">{label}</span>
          <select value={String(value ?? "")} onChange={(e) => set(e.target.value)} className={`${control} max-w-72`}>
            <option value="">—</option>
            {choices.segments.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      );
  }
}

/** One rule: its field's name and an input per parameter, fitted to the parameter's kind. */
export function RuleEditor({
  rule,
  onChange,
  onRemove,
  choices,
  w,
}: {
  rule: SegmentRule;
  onChange: (rule: SegmentRule) => void;
  onRemove: () => void;
  choices: BuilderChoices;
  w: SegmentsDictionary;
}) {
  const params = rule as unknown as Params;
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2"
      data-field={rule.field}
    >
      <span className="text-sm font-medium">{w.fieldNames[rule.field] ?? rule.field}</span>
      {FIELD_SPECS[rule.field].inputs.map((input) => (
        <ParamField
          key={input.key}
          input={input}
          value={params[input.key]}
          choices={choices}
          w={w}
          set={(value) => {
            const next: Params = { ...params };
            if (value === undefined) delete next[input.key];
            else next[input.key] = value;
            onChange(next as unknown as SegmentRule);
          }}
        />
      ))}
      <button type="button" onClick={onRemove} className="ml-auto text-sm text-red-700 underline">
        {w.builder.remove}
      </button>
    </div>
  );
}
