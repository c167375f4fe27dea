import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GoogleFake } from "./server";
import { control, failure, SCOPE, signIn, startFake } from "./testing";

describe("fake Google: calendarList", () => {
  let fake: GoogleFake;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("lists the account's primary calendar (id = email) with Google's fields", async () => {
    await control(fake, "/_control/accounts", { email: "ada@gmail.test", timeZone: "Europe/Berlin" });
    const s = await signIn(fake, "ada@gmail.test");
    const { data } = await s.calendar.calendarList.list();
    expect(data.kind).toBe("calendar#calendarList");
    expect(data.nextPageToken).toBeUndefined();
    expect(data.items).toHaveLength(1);
    expect(data.items![0]).toMatchObject({
      kind: "calendar#calendarListEntry",
      id: "ada@gmail.test",
      summary: "ada@gmail.test",
      primary: true,
      accessRole: "owner",
      timeZone: "Europe/Berlin",
      selected: true,
      foregroundColor: "#000000",
      defaultReminders: [{ method: "popup", minutes: 30 }],
    });
    expect(data.items![0]!.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    const one = await s.calendar.calendarList.get({ calendarId: "primary" });
    expect(one.data.id).toBe("ada@gmail.test");
  });

  it("pages with maxResults/pageToken and filters by minAccessRole; shared calendars carry their role", async () => {
    const owned: string[] = [];
    for (const summary of ["Work", "Gym", "Family", "Holidays"]) {
      owned.push((await control<{ id: string }>(fake, "/_control/calendars", { owner: "bo@gmail.test", summary })).id);
    }
    const shared: Record<string, string> = {};
    for (const role of ["writer", "reader", "freeBusyReader"]) {
      const c = await control<{ id: string }>(fake, "/_control/calendars", { owner: "cy@gmail.test", summary: `Cy ${role}`, shareWith: [{ email: "bo@gmail.test", role }] });
      shared[role] = c.id;
    }
    // Hidden entries stay out unless asked for.
    const hidden = await control<{ id: string }>(fake, "/_control/calendars", { owner: "cy@gmail.test", summary: "Hidden", shareWith: [{ email: "bo@gmail.test", role: "reader", hidden: true }] });
    const s = await signIn(fake, "bo@gmail.test");

    const sizes: number[] = [];
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await s.calendar.calendarList.list({ maxResults: 3, pageToken });
      sizes.push(data.items!.length);
      ids.push(...data.items!.map((i) => i.id!));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(sizes).toEqual([3, 3, 2]);
    expect(ids[0]).toBe("bo@gmail.test");
    expect(ids.sort()).toEqual(["bo@gmail.test", ...owned, ...Object.values(shared)].sort());
    expect(owned.every((id) => id.endsWith("@group.calendar.google.com"))).toBe(true);

    const roleOf = async (minAccessRole?: string) => {
      const { data } = await s.calendar.calendarList.list({ minAccessRole, showHidden: minAccessRole === undefined });
      return Object.fromEntries(data.items!.map((i) => [i.id, i.accessRole]));
    };
    const all = await roleOf();
    expect(all[shared.writer!]).toBe("writer");
    expect(all[shared.freeBusyReader!]).toBe("freeBusyReader");
    expect(all[hidden.id]).toBe("reader");
    expect(Object.keys(await roleOf("owner")).sort()).toEqual(["bo@gmail.test", ...owned].sort());
    expect(Object.keys(await roleOf("writer"))).toHaveLength(6);
    expect(Object.keys(await roleOf("reader"))).toHaveLength(7);
    expect(Object.keys(await roleOf("freeBusyReader"))).toHaveLength(8);

    const bad = await failure(s.calendar.calendarList.list({ minAccessRole: "admin" }));
    expect(bad.status).toBe(400);
  });

  it("refuses a token without a calendar-list scope with Google's scope error, and accepts calendar.readonly", async () => {
    const s = await signIn(fake, "dee@gmail.test", ["openid", "email", SCOPE.owned]);
    const f = await failure(s.calendar.calendarList.list());
    expect(f.status).toBe(403);
    expect(f.body.error.message).toBe("Request had insufficient authentication scopes.");
    expect(f.body.error.status).toBe("PERMISSION_DENIED");
    expect(f.body.error.errors).toEqual([{ message: "Insufficient Permission", domain: "global", reason: "insufficientPermissions" }]);
    expect(f.body.error.details![0]).toMatchObject({
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
      metadata: { service: "calendar-json.googleapis.com", method: "calendar.v3.CalendarList.List" },
    });
    expect(f.headers["www-authenticate"]).toContain('error="insufficient_scope"');

    const r = await signIn(fake, "dee@gmail.test", [SCOPE.readonly]);
    expect((await r.calendar.calendarList.list()).data.items!.map((i) => i.id)).toEqual(["dee@gmail.test"]);
  });
});
