/**
 * Concurrent bookings for the outage tests and benchmark: `clients` loops, each booking one
 * time after another until the time is up, every answer recorded with its status and how long
 * it took. What is booked and how (HTTP, or the booking function in process) is the caller's.
 * Loads nothing of the app, so Playwright specs can use it (e2e/database-outage.spec.ts).
 */

export type Booked = { status: number; id?: string };
export type Answer = Booked & { /** ms after the start when it was asked */ at: number; ms: number };

export async function bookInLoop(opts: {
  clients: number;
  durationMs: number;
  /** Each client's pause after an answer other than 201 or 409 (as a client honouring Retry-After would, sooner). */
  pauseAfterErrorMs?: number;
  /** One booking; `n` counts every request across the clients. A thrown error counts as status 0. */
  book(n: number): Promise<Booked>;
  /** Runs beside the clients (e.g. restarts the database); awaited before returning. */
  during?(): Promise<void>;
}): Promise<Answer[]> {
  const answers: Answer[] = [];
  const started = performance.now();
  let n = 0;
  const client = async () => {
    while (performance.now() - started < opts.durationMs) {
      const at = performance.now() - started;
      const booked = await opts.book(n++).catch((): Booked => ({ status: 0 }));
      answers.push({ ...booked, at, ms: performance.now() - started - at });
      if (opts.pauseAfterErrorMs && booked.status !== 201 && booked.status !== 409) await new Promise((r) => setTimeout(r, opts.pauseAfterErrorMs));
    }
  };
  await Promise.all([...Array.from({ length: opts.clients }, client), opts.during?.()]);
  return answers.sort((a, b) => a.at - b.at);
}

/**
 * Starts of a provider open every day 09:00–17:00 UTC with a 15-minute service (OPEN_EVERY_DAY):
 * `count` of them, 32 a day, from the day after tomorrow, so no reminder (24 h before) is due yet.
 */
export function quarterHourStarts(count: number, now = new Date()): string[] {
  const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2, 9);
  return Array.from({ length: count }, (_, i) => new Date(first + Math.floor(i / 32) * 86_400_000 + (i % 32) * 15 * 60_000).toISOString());
}

/** A provider for quarterHourStarts: UTC, no notice period, bookable a year ahead (test/fixtures.ts options). */
export const OPEN_EVERY_DAY = {
  provider: { timezone: "UTC", minNoticeMinutes: 0, bookingHorizonDays: 365 },
  service: { name: "Quick check", durationMinutes: 15 },
} as const;

/** POST /api/providers/<slug>/bookings at one of `starts` chosen at random, a new guest each time. */
export function bookOverHttp(appUrl: string, slug: string, serviceId: string, starts: string[]) {
  return async (n: number): Promise<Booked> => {
    const start = starts[Math.floor(Math.random() * starts.length)]!;
    const res = await fetch(`${appUrl}/api/providers/${slug}/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ serviceId, start, name: `Load ${n}`, email: `load-${n}@example.com`, phone: "+44 20 7946 0002" }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    return { status: res.status, id: body.id };
  };
}
