import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testDrivers, type TestDb } from "@/db/testing";
import { mailMessages } from "@/db/schema";
import { queueMail } from "@/lib/notify/mail";
import { startWorkers } from "./worker";

describe.each(testDrivers())("job worker on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await startWorkers(t.db, { pollingIntervalSeconds: 0.5 });
  });
  afterAll(() => t.dispose());

  it("delivers a mail queued in a committed transaction", async () => {
    const id = await t.db.transaction((tx) =>
      queueMail(t.db, tx, { to: "someone@example.com", subject: "Your booking", text: "See you soon" }),
    );
    await expect
      .poll(async () => (await t.db.select().from(mailMessages).where(eq(mailMessages.id, id)))[0]?.status, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe("captured");
  });
});
