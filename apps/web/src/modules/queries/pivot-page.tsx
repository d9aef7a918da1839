import {
  ANALYTICS_FORMATS,
  buildPivotQuery,
  MAX_PIVOT_DIMENSIONS,
  PIVOT_DIMENSIONS,
  PIVOT_MEASURES,
} from "@dangol/domain";
import { SIDO } from "@dangol/domain/cleansing";
import { LIFECYCLE_STAGES } from "@dangol/domain/lifecycle";
import Link from "next/link";
import type { ReactNode } from "react";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { filterChoices } from "@/modules/customers/queries";
import { PageHeader } from "@/modules/shell/page-header";
import { BrowseLinks } from "./browse-links.tsx";
import { editorHref } from "./pivot-editor-link.ts";
import { type ParsedPivot, pivotChart } from "./pivot-form.ts";
import { PivotRun } from "./pivot-run.tsx";

const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Checkboxes({
  legend,
  name,
  options,
  checked,
  hideLegend = false,
}: {
  legend: string;
  /** when the section's heading already says it */
  hideLegend?: boolean;
  name: string;
  options: [value: string, label: string][];
  checked: string[];
}) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-1">
      <legend className={hideLegend ? "sr-only" : "mb-1 text-xs font-medium text-slate-600"}>{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map(([value, label]) => (
          <label key={value} className="flex min-h-8 items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name={name}
              value={value}
              defaultChecked={checked.includes(value)}
              className="size-4"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
      <h2 className="text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/**
 * The no-code pivot: a GET form (the URL is the pivot: shareable, and the form works without
 * JavaScript) whose spec becomes ordinary workbench SQL through @dangol/domain's buildPivotQuery.
 * The SQL is shown, runs the editor's way and opens in the editor to be saved. Callers guard with
 * requireRole("queries").
 */
export async function PivotPage({ parsed }: { parsed: ParsedPivot }) {
  const { locale, t } = await getDictionary();
  const b = t.workbench.browse;
  const p = b.pivot;
  const { form } = parsed;
  const { tiers } = await filterChoices();
  const built = parsed.state === "ok" ? buildPivotQuery(parsed.spec) : null;

  return (
    <div>
      <PageHeader title={p.title} subtitle={p.subtitle} />
      <BrowseLinks words={b.links} current="pivot" />
      <form
        method="get"
        action="/queries/pivot"
        className="mb-4 flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-3"
        data-testid="pivot-form"
      >
        <Section title={p.measures}>
          <Checkboxes
            legend={p.measures}
            name="m"
            options={PIVOT_MEASURES.map((m) => [m, p.measureNames[m] ?? m])}
            checked={form.measures}
            hideLegend
          />
        </Section>
        <Section title={p.dimensions}>
          <div className="flex flex-wrap gap-3">
            {Array.from({ length: MAX_PIVOT_DIMENSIONS }, (_, i) => (
              <label key={`d${i + 1}`} className="flex flex-col gap-1 text-xs font-medium text-slate-600">
                {fill(p.dimension, { n: i + 1 })}
                <select name={`d${i + 1}`} defaultValue={form.dimensions[i] ?? ""} className={control}>
                  <option value="">{p.none}</option>
                  {PIVOT_DIMENSIONS.map((d) => (
                    <option key={d} value={d}>
                      {p.dimensionNames[d] ?? d}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </Section>
        <Section title={p.period}>
          <div className="flex flex-wrap gap-3">
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              {p.from}
              <input name="from" defaultValue={form.from} autoComplete="off" className={`${control} w-44`} />
            </label>
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              {p.to}
              <input name="to" defaultValue={form.to} autoComplete="off" className={`${control} w-44`} />
            </label>
          </div>
          <p className="text-xs text-slate-500">{p.dateHint}</p>
        </Section>
        <Section title={p.filters}>
          <Checkboxes
            legend={p.formats}
            name="f"
            options={ANALYTICS_FORMATS.map((f) => [f, t.formats[f] ?? f])}
            checked={form.formats}
          />
          <Checkboxes
            legend={p.tiers}
            name="tier"
            options={tiers.map((tier) => [tier.code, locale === "en" ? (tier.nameEn ?? tier.name) : tier.name])}
            checked={form.tiers}
          />
          <Checkboxes
            legend={p.lifecycle}
            name="stage"
            options={LIFECYCLE_STAGES.map((s) => [s, t.analytics.stageNames[s] ?? s])}
            checked={form.stages}
          />
          <details open={form.regions.length > 0}>
            <summary className="cursor-pointer text-xs font-medium text-slate-600">{p.regions}</summary>
            <div className="pt-2">
              <Checkboxes legend={p.regions} name="sido" options={SIDO.map((s) => [s, s])} checked={form.regions} />
            </div>
          </details>
        </Section>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="min-h-10 rounded-md bg-sky-700 px-4 text-sm font-medium text-white">
            {p.build}
          </button>
          <Link href="/queries/pivot" className="text-sm text-slate-600 underline">
            {p.reset}
          </Link>
        </div>
      </form>

      {parsed.state === "start" ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">{p.start}</p>
      ) : null}
      {parsed.state === "invalid" ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pivot-invalid">
          {fill(p.invalid, { reason: parsed.reason })}
        </p>
      ) : null}
      {parsed.state === "ok" && built ? (
        <div className="flex flex-col gap-4">
          <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-sm font-semibold">{p.sql}</h2>
              <Link
                href={editorHref({
                  sql: built.sql,
                  parameters: built.parameters,
                  values: built.parameterValues,
                })}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
                data-testid="open-in-editor"
              >
                {p.openInEditor}
              </Link>
            </div>
            <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100" data-testid="pivot-sql">
              {built.sql}
            </pre>
            <p className="text-xs text-slate-600">
              {p.parameterValues}:{" "}
              <span className="font-mono">
                {Object.entries(built.parameterValues)
                  .map(([name, value]) => `${name} = ${Array.isArray(value) ? value.join(", ") : value}`)
                  .join(" · ")}
              </span>
            </p>
          </section>
          <PivotRun
            sql={built.sql}
            parameters={built.parameters}
            parameterValues={built.parameterValues}
            chart={pivotChart(parsed.spec)}
            words={p}
            editorWords={t.workbench.editor}
            locale={locale}
          />
        </div>
      ) : null}
    </div>
  );
}
