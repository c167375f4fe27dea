"use server";

import { getDb } from "@/lib/app/runtime";
import { getCurrentUser } from "@/lib/app/guards";
import { roleHome } from "@/lib/auth/roles";
import { verifyEmail } from "@/lib/auth/verification";
import { currentRequestId, log } from "@/lib/infra/log";

export type VerifyEmailState =
  | { status: "idle" }
  | { status: "verified"; email: string; linkedAppointments: number; continueHref: string | null; signedIn: boolean }
  | { status: "failed"; reason: "unknown" | "expired" | "used" };

/**
 * Spends a verification token, only on the POST from the landing page's button: opening the
 * link (a mail scanner fetching it, a preview) changes nothing. Public: the token is the proof.
 */
export async function verifyEmailAction(_prev: VerifyEmailState, formData: FormData): Promise<VerifyEmailState> {
  const token = formData.get("token");
  if (typeof token !== "string") return { status: "failed", reason: "unknown" };
  const result = await verifyEmail(await getDb(), token);
  if (!result.ok) {
    log.info({ component: "auth", event: "token_refused", kind: "verification", reason: result.reason, requestId: await currentRequestId() }, "verification token refused");
    return { status: "failed", reason: result.reason };
  }
  const user = await getCurrentUser();
  const signedInAsThisUser = user?.id === result.userId;
  return {
    status: "verified",
    email: result.email,
    linkedAppointments: result.linkedAppointments,
    continueHref: signedInAsThisUser && user ? roleHome(user.role) : null,
    signedIn: !!user,
  };
}
