"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { type BatchProgress, batchProgressSchema } from "../job-progress.ts";

/**
 * A running batch's progress bar: polls the progress route every second (the worker reports bytes
 * read through its BullMQ job); when the batch is no longer RUNNING, re-renders the server page so
 * its counts appear. Everything else on the page stays server-rendered.
 */
export function BatchProgressBar({
  id,
  labels,
  locale,
  everyMs = 1000,
}: {
  id: string;
  labels: { waiting: string; rows: string };
  locale: "ko" | "en";
  everyMs?: number;
}) {
  const router = useRouter();
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const response = await fetch(`/api/data/batches/progress?ids=${id}`, { cache: "no-store" });
        if (!response.ok) return;
        const body = (await response.json()) as { batches?: unknown[] };
        const parsed = batchProgressSchema.safeParse(body.batches?.[0]);
        if (!parsed.success || stopped) return;
        setProgress(parsed.data);
        if (parsed.data.status !== "RUNNING") {
          stopped = true;
          router.refresh();
        }
      } catch {
        // A missed poll is harmless: the next one asks again.
      }
    };
    void tick();
    const timer = setInterval(() => {
      if (!stopped) void tick();
    }, everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, everyMs, router]);

  const percent = progress?.percent ?? null;
  return (
    <div className="flex min-w-40 flex-col gap-1" data-testid="batch-progress" data-percent={percent ?? ""}>
      <div
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div
          className={`h-2 bg-sky-600 transition-all ${percent === null ? "w-1/3 animate-pulse" : ""}`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <span className="text-xs tabular-nums text-slate-600">
        {percent === null
          ? labels.waiting
          : `${percent}% · ${labels.rows.replace("{rows}", new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US").format(progress?.rowsRead ?? 0))}`}
      </span>
    </div>
  );
}
