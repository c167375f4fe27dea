import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * The floor plan (ARCHITECTURE.md, "Floors"). A module imports its own folder and the floors
 * below it, never a floor above and never a sibling on its own floor. A lower floor that needs
 * something to happen above it records an event and lets the composition root (lib/app) wire
 * the reaction, as the appointment write path does with its follow-ups.
 */
const FLOORS = [
  { floor: "0 · database", folders: ["db"] },
  { floor: "1 · infrastructure", folders: ["lib/infra"] },
  { floor: "2 · rules", folders: ["lib/availability", "lib/plans"] },
  { floor: "3 · booking", folders: ["lib/booking"] },
  { floor: "4 · reactions and setup", folders: ["lib/notices", "lib/calendar", "lib/provider", "lib/auth"] },
  { floor: "5 · features", folders: ["lib/staff", "lib/portal", "lib/page-cache"] },
  { floor: "6 · composition root", folders: ["lib/app"] },
];

/** import/no-restricted-paths zones: each folder against every folder on its own floor or above. */
const floorZones = FLOORS.flatMap(({ floor, folders }, i) => {
  const below = FLOORS.slice(0, i).flatMap((f) => f.folders);
  return folders.map((folder) => ({
    target: `./${folder}`,
    from: FLOORS.slice(i).flatMap((f) => f.folders).filter((f) => f !== folder).map((f) => `./${f}`),
    message: `${folder}/ is on floor ${floor}: it may import ${below.length ? below.map((f) => `${f}/`).join(", ") : "nothing of the project"}, never a floor above or a sibling. Move the code down a floor, or record an event here and wire the reaction in lib/app/ (see ARCHITECTURE.md, "Floors").`,
  }));
});

/** Production code never reaches the test harness, the e2e suite, the benchmarks or the operator scripts. */
const harnessZones = ["./test", "./e2e", "./bench", "./scripts"].map((from) => ({
  target: ["./lib", "./db", "./components", "./app"],
  from,
  message: "Production code does not import the test harness, e2e, benchmarks or scripts: move what both need into lib/.",
}));

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".data/**", ".data-*/**", "node_modules/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Layers: UI never reaches the database (it calls lib/), and lib/ never reaches into routes.
  {
    files: ["components/**/*.{ts,tsx}", "app/**/_components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*"], allowTypeImports: true, message: "UI reads data through lib/, never the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*"], allowTypeImports: true, message: "UI reads data through lib/, never the database." },
            { group: ["@/app/*", "@/app/**"], message: "components/ are shared by routes: take a server action as a prop, or move the component into app/." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}", "db/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/app/**", "@/components/*", "@/components/**"], message: "lib/ and db/ are below the routes and the UI: move the helper into lib/." }] },
      ],
    },
  },
  // The floors (the test harness's own route, app/api/test/fixtures, is the one door to test/).
  {
    files: ["lib/**/*.{ts,tsx}", "db/**/*.ts", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "*.ts"],
    ignores: ["**/*.test.{ts,tsx}", "app/api/test/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            ...floorZones,
            ...harnessZones,
            {
              target: ["./lib", "./db"],
              from: ["./proxy.ts", "./instrumentation.ts", "./next.config.ts"],
              message: "lib/ and db/ stand below the app's entry files (proxy.ts, instrumentation.ts, next.config.ts).",
            },
          ],
        },
      ],
    },
  },
  // No import cycle anywhere in the application (tests may reach across).
  {
    files: ["lib/**/*.{ts,tsx}", "db/**/*.ts", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "*.ts"],
    ignores: ["**/*.test.{ts,tsx}"],
    // One lint run parses each module once (the plugin's default cache forgets after 30 s).
    settings: { "import/cache": { lifetime: Infinity } },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
]);
