import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm test`'s "readme" stage: scripts/readme.test.ts runs the README's commands on a clean copy
 * of the working tree. Its own config: no test database template (it opens nothing itself but
 * the copy's PGlite), one file, steps in order.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["scripts/readme.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
