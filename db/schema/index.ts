/*
 * The whole schema, one import away (`@/db/schema`). The tables live by domain: core.ts holds
 * what every part refers to (users, providers, services, hours, staff members, appointments,
 * mail, rate limits); the other files add their own tables and refer to core.ts, never to each
 * other or back to this index.
 */
export * from "./core";
export * from "./appointments";
export * from "./staff";
export * from "./portal";
export * from "./security";
export * from "./calendar";
export * from "./pages";
export * from "./clients";
