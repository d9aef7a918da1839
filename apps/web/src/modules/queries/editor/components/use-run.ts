"use client";

import { useEffect, useState } from "react";
import { type RunStatusView, runStatusSchema } from "../run-types.ts";

const POLL_MS = 700;

export function isFinished(run: RunStatusView | null): boolean {
  return run !== null && run.status !== "QUEUED" && run.status !== "RUNNING";
}

/**
 * Follows one run: polls its status route every ~700 ms until it is finished, and counts the
 * seconds since it was asked for (the worker may still be busy with someone else's query).
 */
export function useRun(runId: string | null): { run: RunStatusView | null; elapsedMs: number } {
  const [run, setRun] = useState<RunStatusView | null>(null);
  const [elapsedMs, setElapsedMs] = useState(0);

  useEffect(() => {
    setRun(null);
    setElapsedMs(0);
    if (!runId) return;
    const started = Date.now();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const response = await fetch(`/api/queries/runs/${runId}`, { cache: "no-store" });
        if (response.ok) {
          const parsed = runStatusSchema.parse(await response.json());
          if (stopped) return;
          setRun(parsed);
          if (isFinished(parsed)) {
            stopped = true;
            return;
          }
        }
      } catch {
        // A missed poll is harmless: the next one asks again.
      }
      if (stopped) return;
      setElapsedMs(Date.now() - started);
      timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [runId]);

  return { run, elapsedMs };
}
