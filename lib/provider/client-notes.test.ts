import { describe, expect, it } from "vitest";
import { clientNotes } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { createAppointment, makeProvider } from "@/test/fixtures";
import { getClientNote, saveClientNote } from "./client-notes";

const LATER = new Date("2030-05-04T15:00:00Z");

describe.each(testDrivers())("provider's private client notes on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("one note per client and business, by email in any case; empty clears it", async () => {
    const { provider: p, service: s } = await makeProvider(t.db);
    const a = await createAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: LATER, clientEmail: "Nora@Client.test" });
    expect(await saveClientNote(t.db, { providerId: p.id, appointmentId: a.id, note: "  Prefers mornings.\r\nAllergic to latex.  " })).toBe("saved");
    expect((await getClientNote(t.db, p.id, "nora@client.test")).note).toBe("Prefers mornings.\nAllergic to latex.");
    await saveClientNote(t.db, { providerId: p.id, appointmentId: a.id, note: "Prefers afternoons now." });
    expect((await getClientNote(t.db, p.id, "NORA@client.test")).note).toBe("Prefers afternoons now.");
    expect(await t.db.select().from(clientNotes)).toHaveLength(1);
    expect(await saveClientNote(t.db, { providerId: p.id, appointmentId: a.id, note: "   " })).toBe("cleared");
    expect(await getClientNote(t.db, p.id, "nora@client.test")).toEqual({ note: "", updatedAt: null });
  });

  it("another business neither reads nor writes them; bad text is refused; nothing is written", async () => {
    const { provider: p, service: s } = await makeProvider(t.db);
    const other = await makeProvider(t.db);
    const a = await createAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: LATER, clientEmail: "private@client.test" });
    await saveClientNote(t.db, { providerId: p.id, appointmentId: a.id, note: "Only ours." });
    expect((await getClientNote(t.db, other.provider.id, "private@client.test")).note).toBe("");
    const before = await t.db.select().from(clientNotes);
    await expect(saveClientNote(t.db, { providerId: other.provider.id, appointmentId: a.id, note: "Theirs" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveClientNote(t.db, { providerId: p.id, appointmentId: a.id, note: "x".repeat(2001) })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { note: ["Keep the note under 2000 characters."] },
    });
    await expect(saveClientNote(t.db, { providerId: p.id, appointmentId: "nope", note: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.select().from(clientNotes)).toEqual(before);
    expect((await getClientNote(t.db, p.id, "private@client.test")).note).toBe("Only ours.");
  });
});
