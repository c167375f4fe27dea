/** PRO is active while plan = "pro" and proUntil is unset or in the future; otherwise FREE. */
export function isProActive(p: { plan: "free" | "pro"; proUntil: Date | null }, now = new Date()): boolean {
  return p.plan === "pro" && (p.proUntil === null || p.proUntil.getTime() > now.getTime());
}
