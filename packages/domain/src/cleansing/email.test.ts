import { describe, expect, it } from "vitest";
import { cleanseEmail } from "./email.ts";

describe("cleanseEmail", () => {
  it("lower-cases and trims", () => {
    expect(cleanseEmail("  MinJun85@Naver.COM ")).toEqual({ value: "minjun85@naver.com" });
  });

  it("accepts dots, plus and sub-domains", () => {
    expect(cleanseEmail("kim.minjun+shop@mail.co.kr")).toEqual({ value: "kim.minjun+shop@mail.co.kr" });
  });

  it("reads full-width characters", () => {
    expect(cleanseEmail("ａｂｃ＠naver.com")).toEqual({ value: "abc@naver.com" });
  });

  it.each([
    "minjun85naver.com", // @ dropped
    "minjun85 at naver.com",
    "minjun85#naver.com",
    "a@@naver.com",
    "a@b@naver.com",
    "@naver.com",
    "minjun@naver",
    "min..jun@naver.com",
    ".minjun@naver.com",
    "minjun@-naver.com",
  ])("flags %s as invalid_email", (raw) => {
    expect(cleanseEmail(raw)).toEqual({ finding: { kind: "invalid_email", raw } });
  });

  it("treats blank as absent", () => {
    expect(cleanseEmail("")).toEqual({ value: null });
  });
});
