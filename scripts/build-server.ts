/**
 * The second half of `npm run build`: compiles scripts/serve.ts (the server wrapper `npm start`
 * runs) and the modules it imports into one ES module beside the Next.js build,
 * `<distDir>/slotbook-serve.mjs`, so production starts with plain Node: no TypeScript
 * compiler in the process or in the request path. Packages stay external (Node loads them from
 * node_modules as before); `@/…` imports are resolved through tsconfig.json's paths.
 */
import { build } from "esbuild";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const outfile = path.join(distDir, "slotbook-serve.mjs");
const started = performance.now();
await build({
  entryPoints: ["scripts/serve.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  packages: "external",
  tsconfig: "tsconfig.json",
  conditions: ["react-server"],
  sourcemap: "linked",
  logLevel: "warning",
  // Some dependencies are CommonJS and call require(): give the ES module one.
  banner: { js: 'import { createRequire as __slotbookCreateRequire } from "node:module"; const require = __slotbookCreateRequire(import.meta.url);' },
});
console.log(`Compiled scripts/serve.ts → ${outfile} in ${Math.round(performance.now() - started)} ms`);
