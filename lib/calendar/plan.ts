import { isProActive } from "@/lib/provider/plan";

/**
 * Whether a provider may use calendar sync. Stands on providers.plan / proUntil until
 * lib/plans lands (it will own the rule; this then delegates to it).
 */
export function isPro(p: { plan: "free" | "pro"; proUntil: Date | null }, now = new Date()): boolean {
  return isProActive(p, now);
}
