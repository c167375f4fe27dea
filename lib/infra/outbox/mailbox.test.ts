import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { mailMessages } from "@/db/schema";
import { listMail } from "./mailbox";

describe.each(testDrivers())("dev mailbox on %s", (kind) => {
  const t = setUpTestDb(kind);
  beforeAll(async () => {
    const base = Date.UTC(2030, 0, 1, 9);
    await t.db.insert(mailMessages).values([
      { to: "ana@example.com", subject: "First", text: "1", createdAt: new Date(base) },
      { to: "bo@example.com", subject: "Second", text: "2", createdAt: new Date(base + 60_000), status: "captured" },
      { to: "Ana@Example.com", subject: "Third", text: "3", createdAt: new Date(base + 120_000) },
      { to: "a_b@example.com", subject: "Underscore", text: "4", createdAt: new Date(base + 180_000) },
    ]);
  });

  it("lists mail newest first", async () => {
    expect((await listMail(t.db)).map((m) => m.subject)).toEqual(["Underscore", "Third", "Second", "First"]);
  });

  it("filters by recipient, ignoring case", async () => {
    expect((await listMail(t.db, { to: "ANA@example.com" })).map((m) => m.subject)).toEqual(["Third", "First"]);
    expect((await listMail(t.db, { to: " bo@ " })).map((m) => m.subject)).toEqual(["Second"]);
  });

  it("treats % and _ in the filter as plain characters", async () => {
    expect((await listMail(t.db, { to: "a_b" })).map((m) => m.subject)).toEqual(["Underscore"]);
    expect(await listMail(t.db, { to: "%" })).toEqual([]);
  });
});
