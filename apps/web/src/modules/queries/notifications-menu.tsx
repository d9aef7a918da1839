"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { BrowseWords } from "./i18n-browse.ts";
import type { EditorWords } from "./i18n-editor.ts";
import { loadRunNotificationsAction, markRunsSeenAction } from "./notifications-actions.ts";
import { type RunNotification, runHref } from "./notifications-links.ts";

const POLL_MS = 30_000;

/**
 * The shell's count of finished runs the reader has not looked at. The layout renders it once,
 * so it asks the server again on every navigation and every 30 s; opening the list marks the runs
 * it shows as seen (they stay listed until the next look). <details> opens without JavaScript too.
 */
export function NotificationsMenu({
  initial,
  words,
  statusWords,
  locale,
}: {
  initial: RunNotification[];
  words: BrowseWords["notifications"];
  statusWords: EditorWords["status"];
  locale: "ko" | "en";
}) {
  const [runs, setRuns] = useState(initial);
  const [unseen, setUnseen] = useState(initial.length);
  const open = useRef(false);
  const pathname = usePathname();

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      if (open.current || document.visibilityState === "hidden") return;
      const result = await loadRunNotificationsAction({}).catch(() => null);
      if (stopped || !result?.ok || open.current) return;
      setRuns(result.data);
      setUnseen(result.data.length);
    };
    if (pathname) void refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [pathname]);

  const onToggle = (event: React.ToggleEvent<HTMLDetailsElement>) => {
    open.current = event.currentTarget.open;
    if (!open.current || runs.length === 0) return;
    setUnseen(0);
    void markRunsSeenAction({ runIds: runs.map((run) => run.id) }).catch(() => undefined);
  };

  const when = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", {
    timeZone: "Asia/Seoul",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  const countLabel = words.count.replace("{count}", String(unseen));

  return (
    <details className="relative" onToggle={onToggle} data-testid="run-notifications">
      <summary
        className="flex min-h-9 cursor-pointer list-none items-center gap-1 rounded px-2 py-1 text-slate-700 hover:bg-slate-100"
        aria-label={`${words.label}: ${countLabel}`}
      >
        {/* An outline bell drawn here: emoji fonts are missing on many office PCs. */}
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Z" strokeLinejoin="round" />
          <path d="M10 20a2 2 0 0 0 4 0" strokeLinecap="round" />
        </svg>
        {unseen > 0 ? (
          <span
            data-testid="run-notifications-count"
            className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs font-semibold text-white"
          >
            {unseen}
          </span>
        ) : null}
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-2 pb-1 text-xs font-semibold text-slate-500">{words.title}</p>
        {runs.length === 0 ? (
          <p className="px-2 py-2 text-sm text-slate-600">{words.empty}</p>
        ) : (
          <ul className="flex max-h-80 flex-col overflow-y-auto">
            {runs.map((run) => (
              <li key={run.id}>
                <Link
                  href={runHref(run)}
                  className="flex flex-col rounded px-2 py-1.5 text-sm hover:bg-slate-100"
                  data-run-id={run.id}
                >
                  <span className="truncate font-medium">{run.queryTitle ?? words.adHoc}</span>
                  <span className="text-xs text-slate-600">
                    {statusWords[run.status as keyof EditorWords["status"]] ?? run.status}
                    {run.rowCount !== null ? ` · ${words.rows.replace("{rows}", run.rowCount.toLocaleString())}` : ""}
                    {run.finishedAt ? ` · ${when.format(new Date(run.finishedAt))}` : ""}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
