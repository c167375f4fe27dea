"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/runtime";
import { requireProvider } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { startTrial } from "@/lib/plans/plans";

export async function startTrialAction(): Promise<void> {
  const { provider } = await requireProvider();
  let outcome = "trial=1";
  try {
    await startTrial(await getDb(), provider.id);
  } catch (e) {
    if (!isAppError(e)) console.error("Unexpected error starting a trial", e);
    outcome = `error=${isAppError(e) ? e.code : "UNKNOWN"}`;
  }
  revalidatePath("/dashboard", "layout");
  redirect(`/dashboard/upgrade?${outcome}`);
}
