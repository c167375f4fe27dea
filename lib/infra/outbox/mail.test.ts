import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { mailMessages } from "@/db/schema";
import { deliverMail, PermanentMailError, queueMail, type MailTransport } from "./mail";

describe.each(testDrivers())("mail outbox on %s", (kind) => {
  const t = setUpTestDb(kind);

  async function queued(subject: string) {
    return t.db.transaction((tx) => queueMail(tx, { to: "guest@example.com", subject, text: "Hello" }));
  }
  const status = async (id: string) =>
    (await t.db.select().from(mailMessages).where(eq(mailMessages.id, id)))[0]!;

  it("without SMTP, captures the mail for the dev mailbox", async () => {
    const id = await queued("captured");
    await deliverMail(t.db, id);
    expect((await status(id)).status).toBe("captured");
  });

  it("sends once: a retried job after success sends nothing more", async () => {
    const sent: string[] = [];
    const transport: MailTransport = async (m) => void sent.push(m.subject);
    const id = await queued("once");
    await deliverMail(t.db, id, transport);
    await deliverMail(t.db, id, transport);
    expect(sent).toEqual(["once"]);
    expect((await status(id)).status).toBe("sent");
  });

  it("keeps the mail pending through an SMTP outage so the retry delivers it", async () => {
    const id = await queued("outage");
    const down: MailTransport = async () => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    };
    await expect(deliverMail(t.db, id, down)).rejects.toThrow("ECONNREFUSED");
    const afterFailure = await status(id);
    expect(afterFailure.status).toBe("pending");
    expect(afterFailure.lastError).toContain("ECONNREFUSED");
    const sent: string[] = [];
    await deliverMail(t.db, id, async (m) => void sent.push(m.to));
    expect(sent).toEqual(["guest@example.com"]);
    expect((await status(id)).attempts).toBe(2);
  });

  it("records a permanent rejection and stops retrying", async () => {
    const id = await queued("rejected");
    await deliverMail(t.db, id, async () => {
      throw new PermanentMailError("SMTP 550");
    });
    const row = await status(id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toBe("SMTP 550");
  });
});
