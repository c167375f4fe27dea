"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/app/auth";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/authenticate";
import { afterSignInPath } from "@/lib/auth/roles";
import { loginSchema } from "@/lib/auth/schemas";
import { SignInRefused } from "@/lib/auth/sign-in-error";
import { findRoleByEmail } from "@/lib/auth/users";
import { AppError } from "@/lib/infra/errors";

/**
 * Signs in with email and password through Auth.js's Credentials provider, whose authorize()
 * throttles and checks (lib/auth/authenticate.ts). Public: nothing to authorise first.
 */
export const loginAction = formAction({
  authorise: async () => null,
  schema: loginSchema,
  call: async (_ctx, { email, password }) => {
    try {
      await signIn("credentials", { email, password, redirect: false });
    } catch (e) {
      if (e instanceof SignInRefused) throw new AppError(e.reason === "rate_limited" ? "RATE_LIMITED" : "UNAUTHENTICATED", e.userMessage);
      if (e instanceof AuthError) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS_MESSAGE);
      throw e;
    }
    return findRoleByEmail(await getDb(), email);
  },
  done: (_ctx, { next }, role) => ({ redirect: role ? afterSignInPath(role, next) : "/" }),
});
