import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/infra/security-headers";

const nextConfig: NextConfig = {
  // Native and WASM packages load their own files from node_modules at run time: keep them
  // out of the server bundle. googleapis too: its entry requires every Google API (over 400
  // modules, 200 MB), which Turbopack would otherwise compile into the first route that
  // reaches lib/app/runtime, in `npm run dev` (the first page) and in every build.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "@node-rs/argon2", "postgres", "nodemailer", "pino", "googleapis"],
  poweredByHeader: false,
  // Lets the end-to-end build live beside a running `npm run dev` (and parallel dev servers).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Gzip responses (the default, stated: scripts/serve.ts goes through Next's handler, which applies it).
  compress: true,
  // forbidden() in lib/app/guards.ts: a wrong role gets a 403 page (pages, actions) or response (route handlers).
  // Server actions take staff photos (at most 2 MB, checked by lib/staff/photo.ts) plus the form.
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "3mb" },
    // The data cache of the public pages (lib/page-cache/public-data.ts, unstable_cache) lives in this process's
    // memory only: entries written to .next/cache would outlive a restart and the database
    // changes made while the server was down (seeds, scripts, other instances).
    isrFlushToDisk: false,
  },
  // Pages get their CSP (with a nonce) from proxy.ts; these go on every response.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders(process.env.NODE_ENV === "production") }];
  },
};

export default nextConfig;
