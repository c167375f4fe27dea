import { redirect } from "next/navigation";
import { requireProvider, type SessionUser } from "@/lib/app/guards";
import type { Provider } from "@/db/schema";
import { isPro } from "./plans";

export type ProFeature = "staff" | "calendar";

/**
 * The signed-in provider, on an active PRO plan. Otherwise (FREE or lapsed) a page, a server
 * action or a replayed POST is sent to the upgrade page naming the feature, having changed nothing.
 */
export async function requirePro(feature: ProFeature): Promise<{ user: SessionUser; provider: Provider }> {
  const ctx = await requireProvider();
  if (!isPro(ctx.provider)) redirect(`/dashboard/upgrade?feature=${feature}`);
  return ctx;
}
