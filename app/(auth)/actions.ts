"use server";

import { z } from "zod";
import { signOut } from "@/auth";
import { getDb } from "@/lib/runtime";
import { formAction } from "@/lib/actions";
import { requireUser } from "@/lib/auth/guards";
import { resendVerification } from "@/lib/auth/verification";

/** Signs out from any page and lands on the home page. */
export async function signOutAction(): Promise<void> {
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
