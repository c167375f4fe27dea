"use server";

import { z } from "zod";
import { signOut } from "@/lib/app/auth";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { getCurrentUser, requireUser } from "@/lib/app/guards";
import { endAllSessions } from "@/lib/auth/sessions";
import { resendVerification } from "@/lib/auth/verification";

/**
 * Signs out from any page and lands on the home page. Ends the user's sessions everywhere, so
 * a copy of the session cookie taken earlier stops working too.
 */
export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await endAllSessions(await getDb(), user.id);
  await signOut({ redirectTo: "/" });
}

/** Mails the signed-in user a fresh verification link (rate-limited per account). */
export const resendVerificationAction = formAction({
  authorise: requireUser,
  schema: z.object({}),
  call: async (user) => resendVerification(await getDb(), user.id),
  done: (user, _input, sent) => ({
    state: sent
      ? { ok: true, message: `We've sent a new link to ${user.email}. It works for 24 hours.` }
      : { ok: true, message: "Your email is already verified." },
  }),
});
