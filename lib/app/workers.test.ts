import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { mailMessages } from "@/db/schema";
import { queueMail } from "@/lib/infra/outbox/mail";
import { startWorkers } from "./workers";

describe.each(testDrivers())("job worker on %s", (kind) => {
  const t = setUpTestDb(kind);
  beforeAll(async () => {
    await startWorkers(t.db, { pollingIntervalSeconds: 0.5 });
  });

  it("delivers a mail queued in a committed transaction", async () => {
    const id = await t.db.transaction((tx) =>
      queueMail(tx, { to: "someone@example.com", subject: "Your booking", text: "See you soon" }),
    );
    await expect
      .poll(async () => (await t.db.select().from(mailMessages).where(eq(mailMessages.id, id)))[0]?.status, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe("captured");
  });
});
