import { describe, expect, it } from "vitest";
import { revealRequestSchema } from "./reveal.ts";

describe("revealRequestSchema", () => {
  it("accepts a field with a listed reason", () => {
    expect(revealRequestSchema.parse({ customerId: "12", field: "phone", reason: "identity" })).toEqual({
      customerId: "12",
      field: "phone",
      reason: "identity",
    });
  });

  it("asks for a note when the reason is 'other'", () => {
    expect(revealRequestSchema.safeParse({ customerId: "12", field: "email", reason: "other" }).success).toBe(false);
    expect(
      revealRequestSchema.safeParse({ customerId: "12", field: "email", reason: "other", note: "교환 접수" }).success,
    ).toBe(true);
  });

  it("refuses unknown fields, reasons and ids", () => {
    expect(revealRequestSchema.safeParse({ customerId: "12", field: "birthDate", reason: "identity" }).success).toBe(
      false,
    );
    expect(revealRequestSchema.safeParse({ customerId: "12", field: "phone", reason: "curious" }).success).toBe(false);
    expect(revealRequestSchema.safeParse({ customerId: "1 OR 1=1", field: "phone", reason: "identity" }).success).toBe(
      false,
    );
  });
});
