import { env } from "@/lib/infra/env";
import type { ConnectError } from "./oauth";

/* What the calendar page says after a redirect, in words a provider understands. */

export const connectErrorMessages: Record<ConnectError, string> = {
  denied: "You chose not to give Slotbook access to Google Calendar, so nothing was connected.",
  state: "That connection attempt expired or was already used. Please start again with “Connect Google Calendar”.",
  missing_code: "Google did not send an authorization code back. Please try connecting again.",
  pro_required: "Google Calendar sync is part of PRO. Upgrade to connect your calendar.",
  token: "Google did not complete the sign-in (the authorization could not be exchanged). Please try again.",
  scopes:
    "Slotbook needs permission to see your email address and to manage events on your calendar. Please connect again and leave both boxes ticked.",
  scopes_kept:
    "Google didn't grant everything Slotbook needs, so your existing connection was kept as it was. To change it, connect again and leave every box ticked.",
  not_configured: "Google Calendar isn't set up on this Slotbook server yet.",
  google: "Google could not be reached to finish connecting. Please try again in a moment.",
};

/** What a refused grant lacked, in the provider's words (the callback passes ?missing=email,events). */
export const missingScopeWords: Record<string, string> = {
  email: "seeing your email address",
  events: "managing events on your calendar",
};

export function describeMissing(missing: string | undefined): string | null {
  const words = (missing ?? "").split(",").map((m) => missingScopeWords[m]).filter(Boolean);
  return words.length ? `Missing: ${words.join(" and ")}.` : null;
}

/** Shown while a connection lacks the availability scope: one-way sync works, conflicts are not checked. */
export const RECONNECT_FOR_CONFLICTS = "Reconnect to check for conflicts";

export const doneMessages: Record<string, string> = {
  on: "Sync is on. Anything missed while it was off is being added now.",
  off: "Sync is off. Slotbook won't change your Google Calendar until you turn it back on.",
  disconnected: "Google Calendar disconnected. Slotbook's access was revoked and its stored tokens deleted. Events already in your calendar stay there.",
  disconnected_unrevoked:
    "Google Calendar disconnected and the stored tokens deleted, but Google could not be reached to revoke access. You can remove Slotbook at myaccount.google.com/permissions. Events already in your calendar stay there.",
  retried: "Trying those appointments again.",
  copy_on: "Your Google Calendar now also gets your staff members' appointments.",
  copy_off: "Your Google Calendar now gets only appointments without a staff member; members' appointments go to their own calendars when connected.",
  conflicts: "Saved the calendars checked for conflicts. Busy times in a newly ticked calendar keep clients away within a few minutes.",
  staff_disconnected: "That staff member's Google Calendar was disconnected. Events already in their calendar stay there.",
};

/** The flash messages of a calendar page from its query (?error=, ?missing=, ?done=), for the provider's and a member's page alike. */
export function calendarPageFlash(search: { error?: string; missing?: string; done?: string }): { error?: string; done?: string } {
  const connectError = search.error ? (connectErrorMessages[search.error as ConnectError] ?? connectErrorMessages.google) : undefined;
  const missing = search.error?.startsWith("scopes") ? describeMissing(search.missing) : null;
  return {
    error: connectError && missing ? `${connectError} ${missing}` : connectError,
    done: search.done ? doneMessages[search.done] : undefined,
  };
}

/** The calendar page of whoever connects: the provider's, or a staff member's own. */
export function calendarPageUrl(params: Record<string, string>, area: "provider" | "staff" = "provider"): string {
  return `${env().APP_URL}${area === "staff" ? "/staff/calendar" : "/dashboard/calendar"}?${new URLSearchParams(params)}`;
}
