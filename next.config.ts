import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Native and WASM packages load their own files from node_modules at run time: keep them
  // out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "@node-rs/argon2", "postgres", "nodemailer", "pino"],
  poweredByHeader: false,
  // Lets the end-to-end build live beside a running `npm run dev` (and parallel dev servers).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Cache Components: what is the same for every visitor (a business's page, the directory, the
  // booking page's frame) is cached with "use cache" and tagged per business (lib/cache).
  // Pages still render per request, because each carries a CSP nonce (app/layout.tsx).
  cacheComponents: true,
  // No App Shell to prefetch: every page blocks at the root layout. Left on, each page's HTML
  // also carried a second copy of its route tree for the client's segment cache (8 KB on a
  // booking page).
  partialPrefetching: false,
  cacheLife: {
    // Tag invalidation is exact on this instance; `revalidate` bounds how long another instance
    // without a shared cache handler shows an old copy (README, "Caching").
    publicPage: { stale: 30, revalidate: 60, expire: 3600 },
  },
  // Gzip responses (the default, stated: scripts/serve.ts goes through Next's handler, which applies it).
  compress: true,
  // forbidden() in lib/auth/guards.ts: a wrong role gets a 403 page (pages, actions) or response (route handlers).
  // Server actions take staff photos (at most 2 MB, checked by lib/staff/photo.ts) plus the form.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "3mb" } },
  // Pages get their CSP (with a nonce) from proxy.ts; these go on every response.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders(process.env.NODE_ENV === "production") }];
  },
};

export default nextConfig;
