import { and, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, calendarConflictCalendars, calendarIntegrations, providers } from "@/db/schema";
import type { LiveBusyQuery, Range } from "@/lib/booking/live-busy";
import { appointmentsJoined } from "@/lib/booking/read";
import { log } from "@/lib/infra/log";
import { isPro } from "@/lib/plans/plans";
import { googleConfig, hasBusyScopes, type GoogleConfig } from "./config";
import { calendarApi, oauthClient, withBackoff } from "./google";
import { openTokens } from "./tokens";

/*
 * The live check at booking time (wired on the database by lib/app/runtime.ts; booking calls it
 * through lib/booking/live-busy.ts): freeBusy.query for the resource's conflict calendars, with
 * a deadline of about 2 s for everything (token refresh, retries with jitter on rate limits and
 * 5xx). Google counts Slotbook's own events too, so the provider's own pending/confirmed
 * appointments are cut out of its answer (the exclusion constraint decides those, and an
 * appointment being moved must not collide with itself). A resource Google could not answer for
 * in time is left out: the mirrored intervals decide, and the booking goes on.
 */

export const LIVE_CHECK_TIMEOUT_MS = 2_000;

const liveLog = log.child({ component: "calendar-live-check" });

export async function checkLiveBusy(
  db: Db,
  q: LiveBusyQuery,
  opts: { cfg?: GoogleConfig | null; timeoutMs?: number } = {},
): Promise<Map<string | null, Range[]>> {
  const out = new Map<string | null, Range[]>();
  const cfg = opts.cfg === undefined ? googleConfig() : opts.cfg;
  const members = q.resources.filter((r): r is string => r !== null);
  const wantsBusiness = q.resources.includes(null);
  if (!cfg || (!wantsBusiness && members.length === 0)) return out;
  const timeoutMs = opts.timeoutMs ?? LIVE_CHECK_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;

  // The business's connection answers for the business (null), a member's own for that member:
  // never one resource's calendar for another.
  const conns = await db
    .select({
      id: calendarIntegrations.id,
      providerId: calendarIntegrations.providerId,
      staffId: calendarIntegrations.staffId,
      status: calendarIntegrations.status,
      scopes: calendarIntegrations.scopes,
      accessTokenEnc: calendarIntegrations.accessTokenEnc,
      refreshTokenEnc: calendarIntegrations.refreshTokenEnc,
      accessTokenExpiresAt: calendarIntegrations.accessTokenExpiresAt,
      plan: providers.plan,
      proUntil: providers.proUntil,
    })
    .from(calendarIntegrations)
    .innerJoin(providers, eq(providers.id, calendarIntegrations.providerId))
    .where(
      and(
        eq(calendarIntegrations.providerId, q.providerId),
        or(wantsBusiness ? isNull(calendarIntegrations.staffId) : undefined, members.length ? inArray(calendarIntegrations.staffId, members) : undefined),
      ),
    );
  const live = conns.filter((c) => c.status === "active" && hasBusyScopes(c.scopes) && isPro(c));
  if (live.length === 0) return out;
  const picked = await db
    .select({ integrationId: calendarConflictCalendars.integrationId, calendarId: calendarConflictCalendars.calendarId })
    .from(calendarConflictCalendars)
    .where(inArray(calendarConflictCalendars.integrationId, live.map((c) => c.id)));

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const ask = async (conn: (typeof live)[number]): Promise<[string | null, Range[]] | null> => {
    const mine = picked.filter((p) => p.integrationId === conn.id).map((p) => p.calendarId);
    const calendarIds = mine.length ? mine : ["primary"];
    try {
      const client = oauthClient(cfg, openTokens(conn));
      const cal = calendarApi(cfg, client, timeoutMs);
      const { data } = await withBackoff(
        () =>
          cal.freebusy.query({
            requestBody: { timeMin: q.from.toISOString(), timeMax: q.to.toISOString(), items: calendarIds.map((id) => ({ id })) },
          }),
        { attempts: 3, baseMs: 100, maxMs: 500, deadline },
      );
      const busy: Range[] = [];
      for (const id of calendarIds) {
        for (const b of data.calendars?.[id]?.busy ?? []) {
          if (b.start && b.end) busy.push({ start: new Date(b.start), end: new Date(b.end) });
        }
      }
      return [conn.staffId, subtract(busy, await ownAppointments(db, q, conn.staffId))];
    } catch (err) {
      liveLog.warn({ providerId: q.providerId, staffId: conn.staffId, error: (err as Error)?.message }, "conflict check failed; the mirrored busy times decide");
      return null;
    }
  };
  try {
    // Each resource's calendar is asked at once; one that is late or failing is left out alone.
    const answers = await Promise.all(live.map((c) => Promise.race([ask(c), timedOut])));
    for (const a of answers) if (a) out.set(a[0], a[1]);
    if (answers.some((a) => a === null)) {
      liveLog.warn({ providerId: q.providerId, timeoutMs }, "Google did not answer every conflict check in time; the mirrored busy times decide for those");
    }
  } finally {
    clearTimeout(timer);
  }
  return out;
}

/**
 * The resource's holding appointments around [from, to): Google shows their events as busy
 * (the business's calendar: all the provider's; a member's own: that member's). The
 * appointment being moved is among them, so it never collides with its own old time.
 */
async function ownAppointments(db: Db, q: LiveBusyQuery, staffId: string | null): Promise<Range[]> {
  return appointmentsJoined(db, { start: appointments.startsAt, end: appointments.endsAt }).where(
    and(
      eq(appointments.providerId, q.providerId),
      staffId ? eq(appointments.staffId, staffId) : undefined,
      inArray(appointments.status, ["pending", "confirmed"]),
      lt(appointments.startsAt, q.to),
      gt(appointments.endsAt, q.from),
    ),
  );
}

/** `busy` minus `cut` (both half-open ranges). */
export function subtract(busy: readonly Range[], cut: readonly Range[]): Range[] {
  let pieces = busy.map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
  for (const c of cut) {
    const cs = c.start.getTime();
    const ce = c.end.getTime();
    pieces = pieces.flatMap((p) => {
      if (ce <= p.start || cs >= p.end) return [p];
      const left = cs > p.start ? [{ start: p.start, end: cs }] : [];
      const right = ce < p.end ? [{ start: ce, end: p.end }] : [];
      return [...left, ...right];
    });
  }
  return pieces.map((p) => ({ start: new Date(p.start), end: new Date(p.end) }));
}
