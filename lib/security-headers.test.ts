import { describe, expect, it } from "vitest";
import { buildCustomRoute } from "next/dist/lib/build-custom-route";
import nextConfig from "@/next.config";
import { config as proxyConfig } from "@/proxy";
import { MEDIA_CONTENT_SECURITY_POLICY, NEWSROOM_PAGE_SEGMENTS } from "./security-headers";

/**
 * The headers Next would send for `pathname`, from next.config.ts as Next compiles it: every
 * matching rule applies in order, a later one replacing an earlier one's header of that name.
 */
async function configuredHeaders(pathname: string): Promise<Record<string, string>> {
  const rules = (await nextConfig.headers?.()) ?? [];
  const out: Record<string, string> = {};
  for (const rule of rules) {
    if (rule.has || rule.missing) continue;
    const { regex } = buildCustomRoute("header", rule);
    if (!new RegExp(regex).test(pathname)) continue;
    for (const { key, value } of rule.headers) out[key.toLowerCase()] = value;
  }
  return out;
}

describe("next.config.ts headers", () => {
  it("keeps the sandbox policy on uploaded media instead of the reader pages' policy", async () => {
    const media = await configuredHeaders("/media/ab/0123456789abcdef/640.webp");
    expect(media["content-security-policy"]).toBe(MEDIA_CONTENT_SECURITY_POLICY);
    expect(MEDIA_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
  });

  it("still gives reader pages the public policy and the API its own", async () => {
    for (const page of ["/", "/articles/some-story", "/mediation-story", "/sections/media"]) {
      expect((await configuredHeaders(page))["content-security-policy"], page).toMatch(/^default-src 'self'/);
    }
    expect((await configuredHeaders("/api/v1/articles"))["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("allows reader pages no inline script: they are sent without any (lib/http/reader-html.ts)", async () => {
    for (const page of ["/", "/articles/some-story", "/search"]) {
      const policy = (await configuredHeaders(page))["content-security-policy"];
      expect(policy, page).toContain("script-src 'self';");
      expect(policy, page).not.toContain("unsafe-inline'; style");
      expect(policy, page).not.toMatch(/script-src[^;]*unsafe/);
    }
  });
});

describe("the newsroom's pages, sign-in steps among them", () => {
  it("are covered by proxy.ts (their nonce policy) for every segment and its subpaths", () => {
    for (const segment of NEWSROOM_PAGE_SEGMENTS) {
      expect(proxyConfig.matcher, segment).toContain(`/${segment}`);
      expect(proxyConfig.matcher, segment).toContain(`/${segment}/:path*`);
    }
  });

  it("get no public policy from next.config.ts, which would forbid Next's inline scripts", async () => {
    for (const page of ["/newsroom", "/login", "/setup", "/two-factor", "/two-factor/enrol", "/forgot-password", "/reset-password"]) {
      expect((await configuredHeaders(page))["content-security-policy"], page).toBeUndefined();
    }
  });
});
