import { expect, it } from "vitest";
import { mergeTimeline } from "./timeline.ts";

const e = (kind: string, key: string, iso: string) => ({ kind, key, at: new Date(iso) });

it("merges sources newest first, stable on equal times, cut at the limit", () => {
  const touch = [e("touch", "t:2", "2026-11-20T10:00:00Z"), e("touch", "t:1", "2026-11-01T10:00:00Z")];
  const consent = [e("consent", "c:9", "2026-11-20T10:00:00Z"), e("consent", "c:3", "2026-11-10T00:00:00Z")];
  expect(mergeTimeline([touch, consent], 3).map((x) => x.key)).toEqual(["t:2", "c:9", "c:3"]);
  expect(mergeTimeline([], 5)).toEqual([]);
});
