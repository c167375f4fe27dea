"use server";

import { getDb } from "@/lib/app/runtime";
import { emailLinkAction } from "@/lib/infra/actions";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from "@/lib/auth/password-reset";

/** "Forgot password?": the same answer whether or not the email has an account. Public. */
export const forgotPasswordAction = emailLinkAction({
  send: async (email, ip) => requestPasswordReset(await getDb(), email, ip),
  message: RESET_REQUESTED_MESSAGE,
});
