/**
 * `npm start`: runs the compiled server wrapper that `npm run build` left beside the Next.js
 * build (scripts/build-server.ts), with plain Node. Plain JavaScript on purpose: nothing here
 * needs compiling. Run with --conditions=react-server (package.json): the app's database and
 * secrets modules are marked server-only.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const server = path.resolve(distDir, "slotbook-serve.mjs");
if (!existsSync(server)) {
  console.error(`No production build in ${distDir}: run \`npm run build\` first (it compiles the server into ${path.join(distDir, "slotbook-serve.mjs")}).`);
  process.exit(1);
}
await import(pathToFileURL(server).href);
