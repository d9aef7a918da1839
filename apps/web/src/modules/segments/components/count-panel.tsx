"use client";

import type { SegmentGroup } from "@dangol/domain";
import { useEffect, useRef, useState } from "react";
import { fill } from "@/i18n/dictionaries";
import type { CountResponse } from "../count-types.ts";
import type { SegmentsDictionary } from "../i18n.ts";

const DEBOUNCE_MS = 300;

type CountState =
  | { status: "counting"; last: CountResponse | null }
  | { status: "done"; last: CountResponse }
  | { status: "failed"; last: CountResponse | null; message: string };

/**
 * Counts the tree ~300 ms after the last edit. Each request carries a sequence number and the
 * previous one is aborted, so a slow answer to an older tree never overwrites a newer one.
 */
export function useLiveCount(definition: SegmentGroup): CountState {
  const [state, setState] = useState<CountState>({ status: "counting", last: null });
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const controller = new AbortController();
    setState((s) => ({ status: "counting", last: s.last }));
    const timer = setTimeout(async () => {
      try {
        const response = await fetch("/api/segments/count", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ definition }),
          signal: controller.signal,
        });
        const body = await response.json();
        if (mine !== seq.current) return;
        if (!response.ok) {
          setState((s) => ({ status: "failed", last: s.last, message: String(body.message ?? body.error) }));
          return;
        }
        setState({ status: "done", last: body as CountResponse });
      } catch (error) {
        if (mine !== seq.current || controller.signal.aborted) return;
        setState((s) => ({ status: "failed", last: s.last, message: (error as Error).message }));
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [definition]);
  return state;
}

const percent = (x: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(x);

export function CountPanel({ state, w, locale }: { state: CountState; w: SegmentsDictionary; locale: string }) {
  const [showSql, setShowSql] = useState(false);
  const last = state.last;
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  return (
    <section
      aria-live="polite"
      aria-busy={state.status === "counting"}
      data-testid="count-panel"
      data-status={state.status}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 className="text-sm font-medium text-slate-600">{w.count.title}</h2>
      <p className="mt-1 text-3xl font-bold tabular-nums" data-testid="count-size">
        {last ? number(last.size) : "—"}
      </p>
      {last ? (
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
          <div>
            <dt className="text-slate-500">{w.count.share}</dt>
            <dd className="tabular-nums" data-testid="count-share">
              {percent(last.share, locale)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{w.count.spendShare}</dt>
            <dd className="tabular-nums" data-testid="count-spend-share">
              {percent(last.spendShare, locale)}
            </dd>
          </div>
          <p className="col-span-2 text-xs text-slate-500">
            {fill(w.count.base, { count: number(last.baseSize) })} · {fill(w.count.ms, { ms: Math.round(last.ms) })}
          </p>
        </dl>
      ) : null}
      {state.status === "counting" ? <p className="mt-2 text-xs text-slate-500">{w.count.counting}</p> : null}
      {state.status === "failed" ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {fill(w.count.failed, { message: state.message })}
        </p>
      ) : null}
      {last ? (
        <div className="mt-3">
          <button type="button" onClick={() => setShowSql((v) => !v)} className="text-sm underline">
            {showSql ? w.count.hideSql : w.count.showSql}
          </button>
          {showSql ? (
            <div data-testid="compiled-sql">
              <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
                {last.sql}
              </pre>
              <h3 className="mt-2 text-xs font-medium text-slate-600">{w.count.values}</h3>
              <ol className="text-xs tabular-nums">
                {last.values.map((v, i) => (
                  <li key={i}>
                    <code>${i + 1}</code> = <code>{JSON.stringify(v)}</code>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
