import type { NextConfig } from "next";
import { baseSecurityHeaders, MEDIA_CONTENT_SECURITY_POLICY, NEWSROOM_PAGE_SEGMENTS, publicContentSecurityPolicy } from "./lib/security-headers";

const toList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The e2e suite builds into its own folder so it never clobbers a running demo.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "happy-dom", "sharp", "heic-convert", "pdfkit"],
  typedRoutes: false,
  /**
   * Next's cache of rendered reader pages stays in memory (an LRU of `cacheMaxMemorySize`, 50 MB
   * by default) and is never written to disk. Written through, every page a reader or a crawler
   * first opened cost seven files and a folder under .next/server/route-cache, in the request
   * (about a tenth of an unseen story's time on a 100,000-story archive), and that folder grew
   * with the archive without bound. No reader page is generated at build time, so nothing there
   * needs reading back; scripts/serve.ts keeps its own capped page cache in front.
   */
  experimental: { isrFlushToDisk: false },
  /**
   * How long past `revalidate` Next lets a cache serve a reader page while it re-renders it: it
   * sends `stale-while-revalidate=<expireTime - revalidate>`. Next's default is a year, which
   * let a proxy in front keep serving a taken-down story; two minutes leave one minute of stale
   * (and scripts/serve.ts lowers that further for shared caches, see MASTHEAD_SHARED_STALE_S).
   */
  expireTime: 120,
  // Types are checked by `npm run typecheck` (the first step of `npm test`), over the app, tests
  // and scripts together; builds into per-run folders (.next-e2e-*) skip it so that one run's
  // generated route types never trip another's build.
  typescript: { tsconfigPath: "tsconfig.build.json", ignoreBuildErrors: true },
  /**
   * Security headers on every response. Newsroom pages (NEWSROOM_PAGE_SEGMENTS: /newsroom and the sign-in steps) get a
   * per-request nonce policy from proxy.ts instead of the cacheable public one.
   */
  async headers() {
    return [
      { source: "/:path*", headers: toList(baseSecurityHeaders({ https: false })) },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: toList({ "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }),
      },
      { source: `/((?!${NEWSROOM_PAGE_SEGMENTS.join("|")}|api/|media/).*)`, headers: [{ key: "Content-Security-Policy", value: publicContentSecurityPolicy({ https: false, dev: process.env.NODE_ENV === "development" }) }] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      // Uploaded images are opened directly too: a crafted file must not run as a page here.
      // These headers replace the route's own, so media needs its policy stated here as well.
      { source: "/media/:path*", headers: [{ key: "Content-Security-Policy", value: MEDIA_CONTENT_SECURITY_POLICY }] },
      // Search renders per request, but its results (published stories only) are the same for
      // every reader: a shared cache may keep each query as briefly as the cached pages. Next
      // keeps a Cache-Control already set on a dynamic page.
      { source: "/search", headers: [{ key: "Cache-Control", value: "public, s-maxage=3, stale-while-revalidate=30" }] },
    ];
  },
};

export default nextConfig;
