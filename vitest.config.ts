import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run lib/ and db/ in Node directly; the guard only matters to the browser bundle.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["{lib,db,app,components,scripts,test}/**/*.test.{ts,tsx}", "e2e/google-fake/*.test.ts"],
    // The README run is its own `npm test` stage (vitest.readme.config.ts): it builds the app.
    exclude: ["**/node_modules/**", "scripts/readme.test.ts"],
    environment: "node",
    // An odd zone, so hidden local-time assumptions fail (rallly does the same).
    env: { TZ: "Asia/Kathmandu" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default in a run is one worker less than the cores: one file at a time on two
    // cores, while most files mostly wait (on PGlite's loading, the server, the fake Google,
    // child processes). Two at a time keeps both cores busy.
    maxWorkers: 2,
    // A migrated PGlite dumped once; each file's database starts from it (test/db-template.ts).
    globalSetup: ["./test/db-template.ts"],
    server: { deps: { inline: [/next-auth/] } },
  },
});
