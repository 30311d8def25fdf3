import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { hasMalformedPath, refuseMalformedPath } from "./malformed-path";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("malformed request paths", () => {
  it("recognises paths that do not decode as UTF-8, and nothing else", () => {
    for (const url of ["/media/%c0%ae%c0%ae/x", "/media/ab/%ff/640.webp", "/articles/100%", "/%e2%82"]) expect(hasMalformedPath(url), url).toBe(true);
    for (const url of ["/", "/media/ab/abcdef0123/640.webp", "/tags/%EC%8B%9C%EB%A6%AC%EC%95%84", "/search?q=%c0%ae", "/a%2Fb", undefined]) {
      expect(hasMalformedPath(url), String(url)).toBe(false);
    }
  });

  it("answers them with a plain, uncacheable 400 under the sandbox policy", async () => {
    const server = createServer((req, res) => (hasMalformedPath(req.url) ? refuseMalformedPath(res, false) : res.end("page")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/media/%c0%ae%c0%ae/x`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toMatch(/^Bad request/);
  });
});
