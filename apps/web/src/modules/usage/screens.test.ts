import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCREENS } from "./screens.ts";

/** The signed-in app's route groups: the CRM screens and the store screens. */
const APP_DIRS = ["(app)", "(store)"].map((group) => path.resolve(import.meta.dirname, "../../../app", group));

/** Every page.tsx of those groups, as the URL pattern it serves (route groups are not in the URL). */
function pageFiles(): { pattern: string; file: string }[] {
  return APP_DIRS.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((file) => path.basename(file) === "page.tsx")
      .map((file) => {
        const folders = path
          .dirname(file)
          .split(path.sep)
          .filter((part) => part !== "." && !/^\(.*\)$/.test(part));
        return { pattern: `/${folders.join("/")}`, file: path.join(dir, file) };
      }),
  );
}

describe("SCREENS", () => {
  it("lists exactly the app's pages, so usage shows every screen (unvisited ones as unused)", () => {
    const fromFiles = pageFiles().map((page) => page.pattern);
    expect([...SCREENS.map((screen) => screen.pattern)].sort()).toEqual(fromFiles.sort());
  });

  it("names the area each page guards itself with", () => {
    for (const { pattern, file } of pageFiles()) {
      const guarded = /requireRole\("(\w+)"/.exec(readFileSync(file, "utf8"))?.[1];
      if (guarded)
        expect({ pattern, area: SCREENS.find((s) => s.pattern === pattern)?.area }).toEqual({ pattern, area: guarded });
    }
  });
});
