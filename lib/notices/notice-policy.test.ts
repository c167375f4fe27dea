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
    ["bookingConfirmations", "bookingConfirmationsSms", ["confirmation"]],
    ["reminders", "remindersSms", ["reminder"]],
    ["cancellationUpdates", "cancellationUpdatesSms", ["cancellation", "reschedule"]],
  ] as const)("%s off silences exactly its mails, %s off exactly its texts", (mailKey, smsKey, silenced) => {
    const appointmentKinds = kinds.filter((k) => k !== "promotional");
    const isSilenced = (kind: ClientMessageKind) => (silenced as readonly string[]).includes(kind);
    const noMail: Preferences = { ...DEFAULT_PREFERENCES, smsEnabled: true, [mailKey]: false };
    for (const kind of appointmentKinds) {
      expect(clientChannels(noMail, kind, true)).toMatchObject({ email: !isSilenced(kind), sms: true });
    }
    const noText: Preferences = { ...DEFAULT_PREFERENCES, smsEnabled: true, [smsKey]: false };
    for (const kind of appointmentKinds) {
      expect(clientChannels(noText, kind, true)).toMatchObject({ email: true, sms: !isSilenced(kind) });
    }
  });

  it("promotional email off silences no appointment message", () => {
    const prefs: Preferences = { ...DEFAULT_PREFERENCES, smsEnabled: true, promotionalEmail: false };
    for (const kind of kinds.filter((k) => k !== "promotional")) {
      expect(clientChannels(prefs, kind, true)).toMatchObject({ email: true, sms: true });
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
