"use server";

import { signIn, signOut } from "@/lib/app/auth";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { requireRole } from "@/lib/app/guards";
import {
  changePassword,
  deleteAccount,
  deleteAccountSchema,
  passwordChangeSchema,
  profileSchema,
  updateProfile,
} from "@/lib/portal/account";

const authoriseClient = async () => ({ db: await getDb(), user: await requireRole("client") });

export const updateProfileAction = formAction({
  authorise: authoriseClient,
  schema: profileSchema,
  call: ({ db, user }, input) => updateProfile(db, user.id, input),
  done: (_ctx, input) => ({
    revalidate: [{ layout: "/account" }],
    state: { ok: true, message: "Your details have been saved.", values: { name: input.name, phone: input.phone } },
  }),
});

export const changePasswordAction = formAction({
  authorise: authoriseClient,
  schema: passwordChangeSchema,
  call: async ({ db, user }, input) => {
    // Ends every session of the account, this one included…
    await changePassword(db, user.id, input);
    // …then signs this browser in again with the new password: only the other sessions end.
    try {
      await signIn("credentials", { email: user.email, password: input.newPassword, redirect: false });
      return true;
    } catch {
      return false;
    }
  },
  done: (_ctx, _input, stillSignedIn) =>
    stillSignedIn
      ? // A fresh request, so the page renders with the new session cookie.
        { redirect: "/account/settings?passwordChanged=1" }
      : { redirect: "/login?passwordChanged=1" },
  // Never echo passwords back into the form.
  echo: false,
});

export const deleteAccountAction = formAction({
  authorise: authoriseClient,
  schema: deleteAccountSchema,
  call: async ({ db, user }, { password }) => {
    await deleteAccount(db, user.id, password);
    await signOut({ redirect: false });
  },
  done: () => ({ redirect: "/?accountDeleted=1" }),
  echo: false,
});
