import { errorCodes, isAppError, type ErrorCode } from "@/lib/infra/errors";
import { STAFF_LIMIT_MESSAGE } from "./members";

/*
 * Outcomes of the staff pages' plain form posts travel in the URL as short keys, never as text:
 * a crafted link must not be able to put words on the provider's dashboard.
 */
export const STAFF_ERROR_MESSAGES = {
  STAFF_LIMIT: STAFF_LIMIT_MESSAGE,
  NO_EMAIL: "Add the member's email address first, then send the invitation.",
  HAS_LOGIN: "This member already has a login.",
  INVITE_INACTIVE: "Activate this member before inviting them.",
} as const;

export type StaffErrorKey = keyof typeof STAFF_ERROR_MESSAGES;

/** The URL key for a failure (logging the unexpected ones). */
export function staffErrorKey(e: unknown): string {
  if (isAppError(e)) {
    const known = (Object.keys(STAFF_ERROR_MESSAGES) as StaffErrorKey[]).find((k) => STAFF_ERROR_MESSAGES[k] === e.message);
    return known ?? e.code;
  }
  console.error("Unexpected error in a staff action", e);
  return "UNKNOWN";
}

/** The message for a key from the URL; unknown keys get the generic one. */
export function staffErrorMessage(key: string | undefined): string | null {
  if (!key) return null;
  if (key in STAFF_ERROR_MESSAGES) return STAFF_ERROR_MESSAGES[key as StaffErrorKey];
  return errorCodes[key as ErrorCode]?.message ?? "Something went wrong on our side. Please try again.";
}

/** "2 appointments reassigned and 1 cancelled; each client has been told." from the counts in the URL, or null. */
export function resolvedSummary(search: { reassignedCount?: string; cancelledCount?: string }): string | null {
  const count = (v: string | undefined) => (v && /^\d{1,4}$/.test(v) ? Number(v) : null);
  const reassigned = count(search.reassignedCount);
  const cancelled = count(search.cancelledCount);
  if (reassigned === null || cancelled === null || reassigned + cancelled === 0) return null;
  const n = (k: number) => `${k} appointment${k === 1 ? "" : "s"}`;
  return `${n(reassigned)} reassigned and ${cancelled} cancelled; each client has been told.`;
}
