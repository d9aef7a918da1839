import { describe, expect, it } from "vitest";
import { acsSmsConfig, acsSmsEnv, EnvError, parseEnv, publicBaseUrl } from "./env.ts";

describe("ACS SMS settings", () => {
  const all = {
    ACS_SMS_ENDPOINT: "https://dangol.communication.azure.com",
    ACS_SMS_ACCESS_KEY: Buffer.from("key").toString("base64"),
    ACS_SMS_FROM: "+8215880000",
  };

  it("takes all three or none", () => {
    expect(acsSmsConfig(parseEnv(acsSmsEnv, {}))).toBeNull();
    expect(acsSmsConfig(parseEnv(acsSmsEnv, all))).toEqual({
      endpoint: all.ACS_SMS_ENDPOINT,
      accessKey: all.ACS_SMS_ACCESS_KEY,
      from: "+8215880000",
    });
    expect(() => acsSmsConfig({ ...all, ACS_SMS_FROM: undefined })).toThrow(EnvError);
    expect(() => acsSmsConfig({ ...all, ACS_SMS_FROM: undefined })).toThrow(/ACS_SMS_FROM is not set/);
  });

  it("names a bad value", () => {
    expect(() => parseEnv(acsSmsEnv, { ...all, ACS_SMS_ENDPOINT: "http://dangol.example.com" })).toThrow(
      /ACS_SMS_ENDPOINT must be the resource's https:\/\/ endpoint/,
    );
    expect(() => parseEnv(acsSmsEnv, { ...all, ACS_SMS_ACCESS_KEY: "not base64!" })).toThrow(/ACS_SMS_ACCESS_KEY/);
    expect(() => parseEnv(acsSmsEnv, { ...all, ACS_SMS_FROM: "010-1234-5678" })).toThrow(/ACS_SMS_FROM/);
    // The local stand-in speaks plain HTTP on the loopback.
    expect(parseEnv(acsSmsEnv, { ...all, ACS_SMS_ENDPOINT: "http://127.0.0.1:4010" }).ACS_SMS_ENDPOINT).toBe(
      "http://127.0.0.1:4010",
    );
  });

  it("puts links on AUTH_URL, else NEXTAUTH_URL, else localhost", () => {
    expect(publicBaseUrl({ AUTH_URL: "https://crm.dangol.co.kr", NEXTAUTH_URL: "http://x" })).toBe(
      "https://crm.dangol.co.kr",
    );
    expect(publicBaseUrl({ NEXTAUTH_URL: "http://x" })).toBe("http://x");
    expect(publicBaseUrl({})).toBe("http://localhost:3000");
  });
});
