"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a run is queued or running, re-render the server page every 2 s so its progress moves. */
export function AutoRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
