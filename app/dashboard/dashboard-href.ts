import type { ListView, StatusFilter } from "@/lib/provider/appointments";

/** A link to the appointments list keeping its filters; defaults are left out of the URL. */
export function dashboardHref(q: { view?: ListView; status?: StatusFilter; staff?: string; done?: string; reassign?: string }): string {
  const params = new URLSearchParams();
  if (q.view && q.view !== "upcoming") params.set("view", q.view);
  if (q.status && q.status !== "all") params.set("status", q.status);
  if (q.staff) params.set("staff", q.staff);
  if (q.reassign) params.set("reassign", q.reassign);
  if (q.done) params.set("done", q.done);
  const s = params.toString();
  return s ? `/dashboard?${s}` : "/dashboard";
}
