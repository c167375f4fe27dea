/** A link to the team schedule; the defaults (today, everyone) are left out of the URL. */
export function scheduleHref(q: { date?: string; view?: "week"; member?: string; open?: string; reassign?: string; done?: string }): string {
  const params = new URLSearchParams();
  if (q.date) params.set("date", q.date);
  if (q.view) params.set("view", q.view);
  if (q.member) params.set("member", q.member);
  if (q.open) params.set("open", q.open);
  if (q.reassign) params.set("reassign", q.reassign);
  if (q.done) params.set("done", q.done);
  const s = params.toString();
  return s ? `/dashboard/schedule?${s}` : "/dashboard/schedule";
}
