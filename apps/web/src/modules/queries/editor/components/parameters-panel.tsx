"use client";

import {
  ANALYTICS_FORMATS,
  describeRelativeDate,
  QUERY_PARAMETER_TYPES,
  type QueryParameter,
  type QueryParameterType,
  type QueryParameterValues,
  RELATIVE_DATES,
} from "@dangol/domain";
import type { EditorWords } from "../../i18n-editor.ts";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const FIXED = "";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function DateValue({
  name,
  value,
  onChange,
  words,
  locale,
}: {
  name: string;
  value: string;
  onChange: (value: string) => void;
  words: EditorWords["parameters"];
  locale: "ko" | "en";
}) {
  const relative = value !== "" && !ISO_DATE.test(value) ? value : FIXED;
  return (
    <div className="flex flex-wrap gap-2">
      <select
        aria-label={`${name} ${words.relative}`}
        className={field}
        value={relative}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value={FIXED}>{words.fixedDate}</option>
        {RELATIVE_DATES.map((token) => (
          <option key={token} value={token}>
            {describeRelativeDate(token, locale)}
          </option>
        ))}
      </select>
      {relative === FIXED ? (
        <input
          type="date"
          aria-label={`${name} ${words.value}`}
          className={field}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : null}
    </div>
  );
}

/**
 * One row per placeholder found in the SQL: its type and a value input fitting the type. The
 * binding itself (and its refusals) happens on the server; `errors` are those refusals by name.
 */
export function ParametersPanel({
  parameters,
  values,
  errors,
  onTypeChange,
  onValueChange,
  words,
  formatLabels,
  segments,
  typesLocked,
  locale,
}: {
  parameters: QueryParameter[];
  values: QueryParameterValues;
  errors: Record<string, string>;
  onTypeChange: (name: string, type: QueryParameterType) => void;
  onValueChange: (name: string, value: string | string[]) => void;
  words: EditorWords["parameters"];
  formatLabels: Record<string, string>;
  segments: [string, string][];
  /** A viewer of someone else's query varies the values, not the definitions. */
  typesLocked: boolean;
  locale: "ko" | "en";
}) {
  return (
    <section className="rounded-md border border-slate-200 bg-white p-3" data-testid="parameters">
      <h2 className="mb-2 text-sm font-semibold">{words.title}</h2>
      {parameters.length === 0 ? <p className="text-sm text-slate-500">{words.none}</p> : null}
      <ul className="flex flex-col gap-3">
        {parameters.map((p) => {
          const value = values[p.name];
          const error = errors[p.name];
          return (
            <li key={p.name} className="flex flex-col gap-1" data-testid={`param-${p.name}`}>
              <div className="flex flex-wrap items-center gap-2">
                <code className="min-w-20 font-mono text-sm font-semibold">{`{{${p.name}}}`}</code>
                <select
                  aria-label={`${p.name} ${words.type}`}
                  className={field}
                  value={p.type}
                  disabled={typesLocked}
                  onChange={(e) => onTypeChange(p.name, e.target.value as QueryParameterType)}
                >
                  {QUERY_PARAMETER_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {words.types[type]}
                    </option>
                  ))}
                </select>
                {p.type === "date" ? (
                  <DateValue
                    name={p.name}
                    value={typeof value === "string" ? value : ""}
                    onChange={(v) => onValueChange(p.name, v)}
                    words={words}
                    locale={locale}
                  />
                ) : p.type === "formats" ? (
                  <fieldset className="flex flex-wrap gap-3" aria-label={`${p.name} ${words.value}`}>
                    {ANALYTICS_FORMATS.map((format) => {
                      const chosen = Array.isArray(value) ? value : [];
                      return (
                        <label key={format} className="flex items-center gap-1 text-sm">
                          <input
                            type="checkbox"
                            checked={chosen.includes(format)}
                            onChange={(e) =>
                              onValueChange(
                                p.name,
                                e.target.checked ? [...chosen, format] : chosen.filter((f) => f !== format),
                              )
                            }
                          />
                          {formatLabels[format] ?? format}
                        </label>
                      );
                    })}
                  </fieldset>
                ) : p.type === "segment" ? (
                  <select
                    aria-label={`${p.name} ${words.value}`}
                    className={field}
                    value={typeof value === "string" ? value : ""}
                    onChange={(e) => onValueChange(p.name, e.target.value)}
                  >
                    <option value="">{words.chooseSegment}</option>
                    {segments.map(([id, name]) => (
                      <option key={id} value={id}>
                        {name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    type={p.type === "number" ? "number" : "text"}
                    inputMode={p.type === "number" ? "decimal" : undefined}
                    aria-label={`${p.name} ${words.value}`}
                    className={`${field} w-40`}
                    value={value === undefined || Array.isArray(value) ? "" : String(value)}
                    onChange={(e) => onValueChange(p.name, e.target.value)}
                  />
                )}
              </div>
              {error ? (
                <p role="alert" className="text-sm text-red-700">
                  {error}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
