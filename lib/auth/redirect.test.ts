import { describe, expect, it } from "vitest";
import { resolveSameOriginPath, resolveSameOriginUrl } from "./redirect";

const ORIGIN = "http://127.0.0.1:3000";

describe("resolveSameOriginPath", () => {
  it("keeps paths on the app's own origin", () => {
    expect(resolveSameOriginPath("/newsroom/articles/abc?tab=notes#c1", ORIGIN)).toBe("/newsroom/articles/abc?tab=notes#c1");
    expect(resolveSameOriginPath(`${ORIGIN}/newsroom/account`, ORIGIN)).toBe("/newsroom/account");
    expect(resolveSameOriginPath("account", `${ORIGIN}/newsroom/`)).toBe("/newsroom/account");
    expect(resolveSameOriginPath(undefined, ORIGIN)).toBe("/newsroom");
    expect(resolveSameOriginPath("", ORIGIN)).toBe("/newsroom");
  });

  it("never leads to another site, however the address is disguised", () => {
    for (const next of [
      "/\\evil.example/x", // what the browser makes of /%5Cevil.example/x
      "\\\\evil.example",
      "//evil.example/x",
      "/\t/evil.example",
      "https://evil.example/newsroom",
      "http://127.0.0.1:3001/newsroom",
      "javascript:alert(1)",
      "data:text/html,hi",
      "/.//evil.example",
      "/%2e//evil.example",
      "http://[::1",
    ]) {
      const path = resolveSameOriginPath(next, ORIGIN);
      expect(new URL(path, ORIGIN).origin, next).toBe(ORIGIN);
      expect(path, next).not.toMatch(/^\/[/\\]/);
    }
    expect(resolveSameOriginPath("/\\evil.example/x", ORIGIN)).toBe("/newsroom");
  });
});

describe("resolveSameOriginUrl", () => {
  it("is next-auth's redirect callback: the app's origin or its root", () => {
    expect(resolveSameOriginUrl("/newsroom", ORIGIN)).toBe(`${ORIGIN}/newsroom`);
    expect(resolveSameOriginUrl(`${ORIGIN}/login?error=x`, ORIGIN)).toBe(`${ORIGIN}/login?error=x`);
    expect(resolveSameOriginUrl("/\\evil.example/x", ORIGIN)).toBe(`${ORIGIN}/`);
    expect(resolveSameOriginUrl("https://evil.example/", ORIGIN)).toBe(`${ORIGIN}/`);
  });
});
