/**
 * Runs once when a Next.js server starts: opens and migrates the database, then starts the
 * job workers in this process (sharing the one PGlite handle).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppWorker } = await import("./lib/runtime");
  await startAppWorker();
}
