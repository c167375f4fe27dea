"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/auth";
import { getDb } from "@/lib/runtime";
import type { ActionState } from "@/lib/action-state";
import { toActionError } from "@/lib/actions";
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
export async function acceptInviteAction(token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = acceptSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, message: "Please check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { name: String(formData.get("name") ?? "") } };
  }
  let email: string;
  try {
    ({ email } = await acceptStaffInvite(await getDb(), { token, password: parsed.data.password, name: parsed.data.name }));
  } catch (e) {
    return { ...toActionError(e), values: { name: parsed.data.name ?? "" } };
  }
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirect: false });
  } catch {
    redirect("/login?next=/staff");
  }
  redirect("/staff?welcome=1");
}
