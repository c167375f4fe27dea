import { defineConfig } from "drizzle-kit";

// Only generation reads this file; migrations are applied by db/migrate.ts on both drivers.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
