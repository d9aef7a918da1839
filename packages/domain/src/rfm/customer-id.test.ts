import { describe, expect, it } from "vitest";
import { compareCustomerIds } from "./customer-id.ts";

describe("compareCustomerIds", () => {
  it("orders numeric ids by value", () => {
    expect(["12346", "999", "0042", "12347"].sort(compareCustomerIds)).toEqual(["0042", "999", "12346", "12347"]);
  });

  it("puts numeric ids before other ids, which sort by code point", () => {
    expect(["b-1", "A-2", "17"].sort(compareCustomerIds)).toEqual(["17", "A-2", "b-1"]);
  });
});
