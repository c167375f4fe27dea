/**
 * Runs once when a Next.js server starts: opens and migrates the database, then starts the
 * job workers in this process (sharing the one PGlite handle), and lends the public pages'
 * cache in scripts/serve.ts its version lookup (lib/page-cache).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppWorker } = await import("./lib/app/runtime");
  const { registerPageFingerprint } = await import("./lib/page-cache/registry");
  const { pageFingerprint } = await import("./lib/page-cache/versions");
  const { db } = await startAppWorker();
  registerPageFingerprint((scope) => pageFingerprint(db, scope));
}
