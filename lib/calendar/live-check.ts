import { and, eq, gt, inArray, lt } from "drizzle-orm";
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
  // Connections are the business's own today (staff connections: lib/calendar README section).
  if (!cfg || !q.resources.includes(null)) return out;
  const timeoutMs = opts.timeoutMs ?? LIVE_CHECK_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;

  const [conn] = await db
    .select({
      id: calendarIntegrations.id,
      providerId: calendarIntegrations.providerId,
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
    .where(eq(calendarIntegrations.providerId, q.providerId))
    .limit(1);
  if (!conn || conn.status !== "active" || !hasBusyScopes(conn.scopes) || !isPro(conn)) return out;
  const picked = await db
    .select({ calendarId: calendarConflictCalendars.calendarId })
    .from(calendarConflictCalendars)
    .where(eq(calendarConflictCalendars.integrationId, conn.id));
  const calendarIds = picked.length ? picked.map((c) => c.calendarId) : ["primary"];

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const ask = async (): Promise<Range[]> => {
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
    return busy;
  };
  try {
    const busy = await Promise.race([ask(), timedOut]);
    if (busy === null) {
      liveLog.warn({ providerId: q.providerId, timeoutMs }, "Google did not answer the conflict check in time; the mirrored busy times decide");
      return out;
    }
    out.set(null, subtract(busy, await ownAppointments(db, q)));
  } catch (err) {
    liveLog.warn({ providerId: q.providerId, error: (err as Error)?.message }, "conflict check failed; the mirrored busy times decide");
  } finally {
    clearTimeout(timer);
  }
  return out;
}

/**
 * The provider's holding appointments around [from, to): Google shows their events as busy. The
 * appointment being moved is among them, so it never collides with its own old time.
 */
async function ownAppointments(db: Db, q: LiveBusyQuery): Promise<Range[]> {
  return appointmentsJoined(db, { start: appointments.startsAt, end: appointments.endsAt }).where(
    and(
      eq(appointments.providerId, q.providerId),
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
