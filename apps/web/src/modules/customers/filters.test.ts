import { expect, it } from "vitest";
import { customersHref, parseCustomerFilters } from "./filters.ts";

it("reads the URL's filters, dropping bad or repeated values", () => {
  const parsed = parseCustomerFilters({ tier: "GOLD", stage: "bogus", format: ["DPT", "SM"], sido: " 서울특별시 " });
  expect(parsed).toEqual({ ok: true, filters: { tier: "GOLD", sido: "서울특별시" }, key: null });
});

it("searches like the store lookup and refuses four digits without a name", () => {
  expect(parseCustomerFilters({ key: "010-1234-5678" })).toMatchObject({
    ok: true,
    key: { by: "phone", phone: "010-1234-5678" },
  });
  expect(parseCustomerFilters({ key: "5678", name: "김" })).toMatchObject({
    key: { by: "last4+name", last4: "5678", namePrefix: "김" },
  });
  expect(parseCustomerFilters({ key: "5678" })).toMatchObject({ ok: false, reason: "needName" });
});

it("builds the URL back, with the paging cursor", () => {
  expect(customersHref({ tier: "GOLD", format: "MART" }, "120")).toBe("/customers?tier=GOLD&format=MART&after=120");
  expect(customersHref({})).toBe("/customers");
});

it("reads the filters a dashboard figure links with, and refuses malformed ones", () => {
  const parsed = parseCustomerFilters({
    status: "ACTIVE",
    combo: "MART+SM",
    r: "5",
    f: "9",
    rfm: "Can't lose them",
    tierFrom: "NONE",
    tierTo: "GOLD",
    bought: "2026-10",
    buyer: "new",
    gained: "SM",
    gainedFrom: "MART",
    since: "2026-01-01",
    watch: "sideways",
  });
  expect(parsed.filters).toEqual({
    status: "ACTIVE",
    combo: "MART+SM",
    r: "5",
    rfm: "Can't lose them",
    tierFrom: "NONE",
    tierTo: "GOLD",
    bought: "2026-10",
    buyer: "new",
    gained: "SM",
    gainedFrom: "MART",
    since: "2026-01-01",
  });
  expect(parseCustomerFilters({ combo: "SM+DPT", bought: "2026-13", status: "MERGED" }).filters).toEqual({});
});
