/**
 * `npm run google:fake`: the fake Google alone, for local demos and the end-to-end server.
 * GOOGLE_FAKE_PORT (default 4015), GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET (defaults below).
 */
import { fakeGoogleEnv, startGoogleFake } from "./server";

const rawPort = process.env.GOOGLE_FAKE_PORT?.trim() || "4015";
const port = Number(rawPort);
if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
  console.error(`Invalid configuration:\n  GOOGLE_FAKE_PORT: must be a port number (1-65535), not "${rawPort}"`);
  process.exit(1);
}
const clientId = process.env.GOOGLE_CLIENT_ID || "slotbook-local.apps.googleusercontent.test";
const clientSecret = process.env.GOOGLE_CLIENT_SECRET || "slotbook-local-secret";
const fake = await startGoogleFake({ port, clientId, clientSecret });
console.log(`[google-fake] listening on ${fake.url}. Run the app with:`);
const vars = { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, ...fakeGoogleEnv(fake.url) };
console.log(Object.entries(vars).map(([k, v]) => `  ${k}=${v}`).join(" \\\n"));
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
