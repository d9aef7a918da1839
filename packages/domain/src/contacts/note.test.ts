import { expect, it } from "vitest";
import { maskContactsInText, maskEmail } from "./note.ts";

it("masks phone numbers and e-mail addresses typed into a note, keeps the words", () => {
  expect(maskContactsInText("배송 문의, 연락처 010-1234-5678 / 01098765432, kim.minjun@example.com 로 회신")).toBe(
    "배송 문의, 연락처 010-****-5678 / 010-****-5432, k***@example.com 로 회신",
  );
  expect(maskContactsInText("+82 10 1234 5678 또는 02-123-4567")).toBe("010-****-5678 또는 ****-4567");
  expect(maskContactsInText("영수증 12345678 교환")).toBe("영수증 12345678 교환");
});

it("maskEmail keeps the first character and the domain", () => {
  expect(maskEmail("kim@example.com")).toBe("k***@example.com");
  expect(maskEmail("broken")).toBe("***");
});
