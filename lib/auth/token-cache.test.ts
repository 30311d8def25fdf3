import { describe, expect, it } from "vitest";
import { TokenCache } from "./token-cache";

describe("TokenCache", () => {
  it("gives back a token only for exactly its cookie, and only until its exp", () => {
    let now = 1_000_000;
    const cache = new TokenCache({ now: () => now });
    const token = { sub: "u1", sid: "s1", exp: 1_000 + 60 };
    cache.set("a=1", token);
    expect(cache.get("a=1")).toBe(token);
    expect(cache.get("a=2")).toBeNull();
    expect(cache.get("a=1 ")).toBeNull();
    now = 1_059_999;
    expect(cache.get("a=1")).toBe(token);
    now = 1_060_000;
    expect(cache.get("a=1")).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("never keeps a token without a numeric exp", () => {
    const cache = new TokenCache();
    cache.set("a=1", { sub: "u1" });
    cache.set("a=2", { sub: "u1", exp: "soon" });
    expect(cache.size).toBe(0);
  });

  it("holds at most `max` tokens, dropping the oldest", () => {
    const cache = new TokenCache({ max: 2, now: () => 0 });
    cache.set("a", { exp: 10 });
    cache.set("b", { exp: 10 });
    cache.set("c", { exp: 10 });
    expect([cache.get("a"), cache.get("b")?.exp, cache.get("c")?.exp]).toEqual([null, 10, 10]);
  });
});
