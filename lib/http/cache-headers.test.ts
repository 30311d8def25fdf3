import { describe, expect, it } from "vitest";
import { getCacheControlHeader } from "next/dist/server/lib/cache-control";
import { defaultConfig } from "next/dist/server/config-shared";
import nextConfig from "@/next.config";

describe("the Cache-Control Next sends for reader pages", () => {
  it("allows a stale copy for about a minute after revalidate, not a year", () => {
    // Reader pages export `revalidate = 60`; Next adds expireTime - revalidate as the stale window.
    const header = getCacheControlHeader({ revalidate: 60, expire: nextConfig.expireTime ?? defaultConfig.expireTime });
    const stale = Number(/stale-while-revalidate=(\d+)/.exec(header)?.[1] ?? 0);
    expect(header).toMatch(/^s-maxage=60\b/);
    expect(stale).toBeGreaterThan(0);
    expect(stale).toBeLessThanOrEqual(60);
  });
});
