import { describe, expect, it } from "vitest";
import { ANALYTICS_CONFIG_KINDS, defaultAnalyticsConfig, parseAnalyticsConfig } from "./config.ts";

describe("analytics config", () => {
  it("has a default for every kind that its own schema accepts", () => {
    const defaults = defaultAnalyticsConfig();
    expect(Object.keys(defaults).sort()).toEqual([...ANALYTICS_CONFIG_KINDS].sort());
    expect(parseAnalyticsConfig(defaults)).toEqual(defaults);
  });

  it("fills missing kinds with defaults and refuses a bad stored kind", () => {
    expect(parseAnalyticsConfig({ rfm: { windowMonths: 6 } }).rfm.windowMonths).toBe(6);
    expect(() => parseAnalyticsConfig({ lifecycle: { atRiskMultiple: 9 } })).toThrow();
  });
});
