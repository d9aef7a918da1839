import { describe, expect, it } from "vitest";
import { etlJobId, percentOf } from "./job-progress.ts";

describe("batch progress", () => {
  it("names the job the way dangol etl run does", () => {
    expect(etlJobId("MART", "MART_MEMBER_20250602.dat", "ab".repeat(32))).toBe(
      `etl.file-MART-MART_MEMBER_20250602.dat-${"ab".repeat(32)}`,
    );
  });

  it("turns bytes into a whole percent, bounded to 0–100", () => {
    expect(percentOf(0, 1000)).toBe(0);
    expect(percentOf(499, 1000)).toBe(49);
    expect(percentOf(1000, 1000)).toBe(100);
    expect(percentOf(2000, 1000)).toBe(100);
    expect(percentOf(5, 0)).toBe(0);
  });
});
