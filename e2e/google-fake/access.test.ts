import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GoogleFake } from "./server";
import { APP_SCOPES, control, failure, oauthClient, SCOPE, signIn, startFake, userEvent } from "./testing";

const slot = { start: { dateTime: "2030-07-08T09:00:00Z" }, end: { dateTime: "2030-07-08T10:00:00Z" } };

describe("fake Google: scopes and accounts", () => {
  let fake: GoogleFake;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("the token carries the scopes granted (Google's full URLs), not the ones unticked; tokeninfo says the same", async () => {
    const s = await signIn(fake, "grant@gmail.test", APP_SCOPES, ["openid", "email", SCOPE.owned]);
    expect(s.scope.split(" ").sort()).toEqual(["https://www.googleapis.com/auth/userinfo.email", "openid", SCOPE.owned].sort());
    const info = await s.auth.getTokenInfo(s.auth.credentials.access_token!);
    expect(info.scopes.sort()).toEqual(s.scope.split(" ").sort());
    expect(info.email).toBe("grant@gmail.test");
    // What the user unticked is refused at the API.
    expect((await failure(s.calendar.calendarList.list())).status).toBe(403);
  });

  it("incremental authorization (include_granted_scopes) adds the new scopes to what the account granted before", async () => {
    await signIn(fake, "more@gmail.test", ["openid", "email", SCOPE.owned]);
    const a = oauthClient(fake);
    const authorizeUrl = a.generateAuthUrl({ access_type: "offline", scope: [SCOPE.freebusy], include_granted_scopes: true });
    const { redirect } = await control<{ redirect: string }>(fake, "/_control/consent", { authorizeUrl, email: "more@gmail.test" });
    const { tokens } = await a.getToken(new URL(redirect).searchParams.get("code")!);
    expect(tokens.scope!.split(" ")).toEqual(expect.arrayContaining([SCOPE.owned, SCOPE.freebusy]));
  });

  it("the app's scope set writes its events on calendars the user owns, reads the others' availability, lists calendars", async () => {
    const shared = await control<{ id: string }>(fake, "/_control/calendars", {
      owner: "team@gmail.test",
      summary: "Team",
      shareWith: [{ email: "app@gmail.test", role: "writer" }],
    });
    await userEvent(fake, "team@gmail.test", { summary: "Team offsite", ...slot }, shared.id);
    const own = await control<{ id: string }>(fake, "/_control/calendars", { owner: "app@gmail.test", summary: "Bookings" });
    const s = await signIn(fake, "app@gmail.test", APP_SCOPES);

    await s.calendar.events.insert({ calendarId: "primary", requestBody: { summary: "Haircut", ...slot } });
    await s.calendar.events.insert({ calendarId: own.id, requestBody: { summary: "Colour", ...slot } });
    expect((await s.calendar.events.list({ calendarId: "primary" })).data.items!.map((e) => e.summary)).toEqual(["Haircut"]);
    // calendar.events.owned does not reach a calendar the user only writes to…
    const write = await failure(s.calendar.events.insert({ calendarId: shared.id, requestBody: { summary: "Nope", ...slot } }));
    expect(write.status).toBe(403);
    expect(write.body.error.errors[0]!.reason).toBe("insufficientPermissions");
    // …but calendar.events.freebusy shows its events' times (not what they are), and freeBusy works.
    const seen = (await s.calendar.events.list({ calendarId: shared.id })).data.items!;
    expect(seen.map((e) => [e.summary, e.start!.dateTime])).toEqual([[undefined, "2030-07-08T09:00:00Z"]]);
    const fb = await s.calendar.freebusy.query({ requestBody: { timeMin: "2030-07-08T00:00:00Z", timeMax: "2030-07-09T00:00:00Z", items: [{ id: shared.id }] } });
    expect(fb.data.calendars![shared.id]!.busy).toEqual([{ start: "2030-07-08T09:00:00Z", end: "2030-07-08T10:00:00Z" }]);
    expect((await s.calendar.calendarList.list()).data.items).toHaveLength(3);

    // With calendar.events (all calendars) the writer role is enough; a reader still cannot write.
    const wide = await signIn(fake, "app@gmail.test", [SCOPE.events]);
    await wide.calendar.events.insert({ calendarId: shared.id, requestBody: { summary: "Allowed", ...slot } });
    await control(fake, "/_control/share", { calendarId: shared.id, email: "app@gmail.test", role: "reader" });
    const reader = await failure(wide.calendar.events.insert({ calendarId: shared.id, requestBody: { summary: "Refused", ...slot } }));
    expect(reader.status).toBe(403);
    expect(reader.body.error.errors[0]).toMatchObject({ reason: "requiredAccessLevel", message: "You need to have writer access to this calendar." });
  });

  it("a freebusy-only token lists nothing and writes nothing", async () => {
    const s = await signIn(fake, "fbonly@gmail.test", [SCOPE.freebusyOnly]);
    for (const p of [s.calendar.events.list({ calendarId: "primary" }), s.calendar.events.insert({ calendarId: "primary", requestBody: slot })]) {
      const f = await failure(p);
      expect(f.status).toBe(403);
      expect(f.body.error.details![0]!.reason).toBe("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    }
  });

  it("keeps accounts apart: another account's calendar is not found, the same event id lives in each calendar", async () => {
    const provider = await signIn(fake, "provider@gmail.test");
    const staff = await signIn(fake, "staff@gmail.test");
    const third = await signIn(fake, "third@gmail.test");
    for (const s of [provider, staff, third]) await s.calendar.events.insert({ calendarId: "primary", requestBody: { id: "sameid00001", ...slot } });
    await staff.calendar.events.patch({ calendarId: "primary", eventId: "sameid00001", requestBody: { summary: "Staff's" } });
    const summaries = async (s: typeof provider) => (await s.calendar.events.list({ calendarId: "primary" })).data.items!.map((e) => e.summary ?? null);
    expect(await summaries(provider)).toEqual([null]);
    expect(await summaries(staff)).toEqual(["Staff's"]);

    const notFound = await failure(provider.calendar.events.list({ calendarId: "staff@gmail.test" }));
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.errors[0]!.reason).toBe("notFound");
    const fb = await provider.calendar.freebusy.query({
      requestBody: { timeMin: "2030-07-08T00:00:00Z", timeMax: "2030-07-09T00:00:00Z", items: [{ id: "staff@gmail.test" }, { id: "primary" }] },
    });
    expect(fb.data.calendars!["staff@gmail.test"]).toEqual({ errors: [{ domain: "global", reason: "notFound" }], busy: [] });
    expect(fb.data.calendars!.primary!.busy).toHaveLength(1);
    const state = (await (await fetch(`${fake.url}/_control/state?email=staff@gmail.test`)).json()) as { events: { summary?: string }[] };
    expect(state.events.map((e) => e.summary)).toEqual(["Staff's"]);
  });
});
