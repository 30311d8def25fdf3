import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The e2e suite builds into its own folder so it never clobbers a running demo.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@node-rs/argon2", "happy-dom", "sharp", "heic-convert"],
  typedRoutes: false,
};

export default nextConfig;
