"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/app/auth";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { registerUser } from "@/lib/auth/register";
import { roleHome } from "@/lib/auth/roles";
import { registerSchema } from "@/lib/auth/schemas";
import { clientIp } from "@/lib/infra/http";

/** Creates the account (and a provider's business), mails the verification link, signs in. Public. */
export const registerAction = formAction({
  authorise: async () => null,
  schema: registerSchema,
  call: async (_ctx, input) => {
    const { user } = await registerUser(await getDb(), input, new Date(), clientIp(await headers()));
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    } catch (e) {
      // The account exists; only the automatic sign-in failed (e.g. this network is throttled).
      console.error("Sign-in after registration failed", e);
      redirect("/login?registered=1");
    }
    return user.role as "client" | "provider";
  },
  done: (_ctx, _input, role) => ({ redirect: `${roleHome(role)}?welcome=1` }),
});
