"use client";

import { routePatternOf } from "@dangol/domain/usage/route-pattern";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { SCREEN_PATTERNS } from "@/modules/usage/screens";

const ENDPOINT = "/api/usage";

/**
 * Screen usage: reports the route pattern of each screen entered (first load and every client-side
 * navigation) and, when it is left, its visible time — on route change, on hiding the tab and on
 * pagehide, by navigator.sendBeacon so it survives the page going away. Only the pattern leaves the
 * browser (never ids or the query string); the server adds user and role from the session.
 * Without JavaScript nothing is reported (docs/screen-usage.md).
 */
export function PageViewReporter() {
  const pathname = usePathname();

  useEffect(() => {
    const page = routePatternOf(pathname, SCREEN_PATTERNS);
    if (!page) return;
    let view = startView(page);
    const onVisibility = () => (document.visibilityState === "hidden" ? view.hide() : view.show());
    const onPageHide = () => view.hide();
    // Back from the back/forward cache the page is entered again (its previous view was reported).
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) view = startView(page);
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
      view.hide();
    };
  }, [pathname]);

  return null;
}

function startView(page: string) {
  let shownMs = 0;
  let visibleSince: number | null = document.visibilityState === "visible" ? performance.now() : null;
  const id = fetch(ENDPOINT, { method: "POST", body: JSON.stringify({ type: "enter", page }), keepalive: true })
    .then((response) => (response.ok ? (response.json() as Promise<{ id: string }>) : null))
    .then((body) => body?.id ?? null)
    .catch(() => null);

  // Each hide reports the visible time so far; the server keeps the largest, so repeats are harmless.
  const leave = (viewId: string | null) => {
    if (viewId) navigator.sendBeacon(ENDPOINT, JSON.stringify({ type: "leave", id: viewId, durationMs: shownMs }));
  };
  return {
    hide() {
      if (visibleSince !== null) shownMs += performance.now() - visibleSince;
      visibleSince = null;
      shownMs = Math.round(shownMs);
      void id.then(leave);
    },
    show() {
      visibleSince ??= performance.now();
    },
  };
}
