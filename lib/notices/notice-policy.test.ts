import { describe, expect, it } from "vitest";
import { clientChannels, type ClientMessageKind } from "./notice-policy";
import { DEFAULT_PREFERENCES, type Preferences } from "./preferences";

const kinds: ClientMessageKind[] = ["confirmation", "reminder", "cancellation", "reschedule", "promotional"];

describe("clientChannels", () => {
  it("gives guests transactional email only: no SMS, no promotions", () => {
    for (const kind of kinds) {
      expect(clientChannels(null, kind, true)).toMatchObject({ email: kind !== "promotional", sms: false });
    }
  });

  it("by default mails every appointment message, sends no SMS and no promotions", () => {
    for (const kind of kinds) {
      expect(clientChannels(DEFAULT_PREFERENCES, kind, true)).toMatchObject({ email: kind !== "promotional", sms: false });
    }
  });

  it.each([
    ["bookingConfirmations", ["confirmation"]],
    ["reminders", ["reminder"]],
    ["cancellationUpdates", ["cancellation", "reschedule"]],
    ["promotionalEmail", []],
  ] as const)("%s off silences exactly its messages on both channels", (key, silenced) => {
    const prefs: Preferences = { ...DEFAULT_PREFERENCES, smsEnabled: true, [key]: false };
    for (const kind of kinds.filter((k) => k !== "promotional")) {
      const expected = !(silenced as readonly string[]).includes(kind);
      expect(clientChannels(prefs, kind, true)).toMatchObject({ email: expected, sms: expected });
    }
  });

  it("email off sends no email of any kind", () => {
    const prefs = { ...DEFAULT_PREFERENCES, emailEnabled: false, promotionalEmail: true };
    for (const kind of kinds) expect(clientChannels(prefs, kind, true).email).toBe(false);
  });

  it("texts only with SMS on and a phone number, and never promotions", () => {
    const prefs = { ...DEFAULT_PREFERENCES, smsEnabled: true, promotionalEmail: true };
    expect(clientChannels(prefs, "reminder", true).sms).toBe(true);
    expect(clientChannels(prefs, "reminder", false).sms).toBe(false);
    expect(clientChannels(prefs, "promotional", true)).toMatchObject({ email: true, sms: false });
  });
});
