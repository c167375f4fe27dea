/**
 * A migrated database with one PRO business connected to a running fake Google, set up through
 * the app's own code (fixtures, the OAuth start and callback, the backfill it queues). For
 * Playwright specs, which cannot load the database code (server-only): they run this in a
 * process of its own, which writes the business's ids as JSON to <out file>.
 *
 *   DATABASE_URL=… TOKEN_ENCRYPTION_KEY=… npx tsx --conditions=react-server \
 *     test/connected-business.ts <fake Google URL> <slug> <Google account> <out file>
 *
 * TOKEN_ENCRYPTION_KEY seals the connection's tokens: the app that uses them needs the same.
 */
import { writeFile } from "node:fs/promises";
import { BACKGROUND_DEADLINE_MS, openDb } from "@/db";
import { prepareDb } from "@/lib/app/runtime";
import { env } from "@/lib/infra/env";
import { OPEN_EVERY_DAY } from "@/test/booking-load";
import { connect, fakeGoogleConfig } from "@/test/calendar";
import { createProviderFixture } from "@/test/fixtures";

export type ConnectedBusiness = { providerId: string; serviceId: string };

async function main(fakeUrl: string, slug: string, email: string): Promise<ConnectedBusiness> {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  // Set-up, not a request: a minute per operation, as the test harness's handles (test/db.ts).
  const handle = await prepareDb(await openDb({ url, deadlineMs: BACKGROUND_DEADLINE_MS }));
  try {
    const f = await createProviderFixture(handle.db, { ...OPEN_EVERY_DAY, plan: "pro", provider: { ...OPEN_EVERY_DAY.provider, slug } });
    await connect(handle.db, fakeGoogleConfig(fakeUrl), f, email); // queues the backfill
    return { providerId: f.provider.id, serviceId: f.service.id };
  } finally {
    await handle.close();
  }
}

const [fakeUrl, slug, email, out] = process.argv.slice(2);
if (!fakeUrl || !slug || !email || !out) {
  console.error("usage: connected-business.ts <fake Google URL> <slug> <Google account> <out file>");
  process.exit(2);
}
await writeFile(out, JSON.stringify(await main(fakeUrl, slug, email)));
