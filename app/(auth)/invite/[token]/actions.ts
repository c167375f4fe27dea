"use server";

import { z } from "zod";
import { signIn } from "@/lib/app/auth";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { acceptStaffInvite } from "@/lib/staff/invites";

const acceptSchema = z
  .object({
    mode: z.enum(["new", "existing"]),
    name: z.string().trim().max(100, "Use at most 100 characters.").optional(),
    password: z.string().min(1, "Enter a password.").max(200, "Use at most 200 characters."),
    confirmPassword: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== "new") return;
    if (v.password.length < PASSWORD_MIN_LENGTH) {
      ctx.addIssue({ code: "custom", path: ["password"], message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` });
    } else if (v.password !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords don't match." });
    }
  });

/**
 * Spends an invitation (public: the token is the authority) and signs the member in. The
 * token is only ever spent by this POST, never by opening the link.
 */
export const acceptInviteAction = formAction({
  authorise: async (token: string) => ({ token }),
  schema: acceptSchema,
  call: async ({ token }, { password, name }) => {
    const { email } = await acceptStaffInvite(await getDb(), { token, password, name });
    try {
      await signIn("credentials", { email, password, redirect: false });
      return true;
    } catch {
      return false;
    }
  },
  // Signed in: their schedule; the password is set but signing in failed: the login page.
  done: (_ctx, _input, signedIn) => ({ redirect: signedIn ? "/staff?welcome=1" : "/login?next=/staff" }),
});
