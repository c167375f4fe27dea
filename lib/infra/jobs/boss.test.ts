import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { mailMessages } from "@/db/schema";
import { bossFor, enqueue } from "./boss";
import { QUEUES } from "./queues";

describe.each(testDrivers())("job queue on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("enqueues inside a transaction: the job exists only if the transaction commits", async () => {
    const boss = bossFor(t.db);
    await t.db.transaction(async (tx) => {
      const [m] = await tx.insert(mailMessages).values({ to: "a@example.com", subject: "kept", text: "x" }).returning();
      await enqueue(tx, QUEUES.mail, { messageId: m!.id });
    });
    await expect(
      t.db.transaction(async (tx) => {
        const [m] = await tx.insert(mailMessages).values({ to: "b@example.com", subject: "dropped", text: "x" }).returning();
        await enqueue(tx, QUEUES.mail, { messageId: m!.id });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const jobs = await boss.fetch<{ messageId: string }>(QUEUES.mail, { batchSize: 10 });
    expect(jobs).toHaveLength(1);
    const rows = await t.db.select().from(mailMessages).where(sql`${mailMessages.id} = ${jobs[0]!.data.messageId}`);
    expect(rows.map((r) => r.subject)).toEqual(["kept"]);
  });
});
