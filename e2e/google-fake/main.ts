/**
 * `npm run google:fake`: the fake Google alone, for local demos and the end-to-end server.
 * GOOGLE_FAKE_PORT (default 4015), GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET (defaults below).
 */
import { fakeGoogleEnv, startGoogleFake } from "./server";

const port = Number(process.env.GOOGLE_FAKE_PORT || 4015);
const clientId = process.env.GOOGLE_CLIENT_ID || "slotbook-local.apps.googleusercontent.test";
const clientSecret = process.env.GOOGLE_CLIENT_SECRET || "slotbook-local-secret";
const fake = await startGoogleFake({ port, clientId, clientSecret });
console.log(`[google-fake] listening on ${fake.url}. Run the app with:`);
const vars = { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, ...fakeGoogleEnv(fake.url) };
console.log(Object.entries(vars).map(([k, v]) => `  ${k}=${v}`).join(" \\\n"));
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
