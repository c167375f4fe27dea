import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appointmentManageLinks, appointments, providers, services } from "@/db/schema";
import { formatWhen } from "@/lib/availability/format";
import { HOLDING_STATUSES } from "@/lib/booking/availability";
import { manageUrl } from "@/lib/booking/links";
import { queueMail } from "@/lib/infra/outbox/mail";
import { hitRateLimit } from "@/lib/infra/rate-limit";
import { newTokenWithHash } from "@/lib/infra/tokens";

/*
 * "Find my booking" (/bookings/find): a guest who lost the mail enters their email and gets ONE
 * mail listing their upcoming bookings at every business, each with a manage link. Only the
 * sha256 of a manage token is stored, so the links are new ones: each is ADDED to the booking
 * (appointment_manage_links, in the same transaction as the mail) and the links already mailed
 * keep working, so someone who only knows a guest's email cannot make their links stop. The
 * answer never says whether the address has bookings; the per-email limit bounds the links.
 */

/** Mails per address and requests per client address, an hour. */
export const FIND_LIMITS = { perEmail: 3, perAddress: 10, windowSeconds: 60 * 60 } as const;

/** The one answer, whether or not the address has bookings. */
export const FIND_REQUESTED_MESSAGE =
  "If there are upcoming bookings under that email, we've sent it a message listing them with their links. It may take a minute to arrive.";

export type FindResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** At most this many bookings in one mail (the soonest). */
const MAX_LISTED = 20;

export async function sendBookingLinks(db: Db, rawEmail: string, clientAddress: string, now: Date = new Date()): Promise<FindResult> {
  const byAddress = await hitRateLimit(db, `find-bookings:ip:${clientAddress}`, FIND_LIMITS.perAddress, FIND_LIMITS.windowSeconds, now);
  if (!byAddress.allowed) return { ok: false, retryAfterSeconds: byAddress.retryAfterSeconds };
  const email = rawEmail.trim().toLowerCase();
  // Counted whether or not the address has bookings: the work done says nothing about it.
  const byEmail = await hitRateLimit(db, `find-bookings:email:${email}`, FIND_LIMITS.perEmail, FIND_LIMITS.windowSeconds, now);
  if (!byEmail.allowed) return { ok: true };

  await db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: appointments.id,
        start: appointments.startsAt,
        end: appointments.endsAt,
        clientName: appointments.clientName,
        service: services.name,
        business: providers.businessName,
        timezone: providers.timezone,
      })
      .from(appointments)
      .innerJoin(services, eq(services.id, appointments.serviceId))
      .innerJoin(providers, eq(providers.id, appointments.providerId))
      .where(
        and(
          sql`lower(${appointments.clientEmail}) = ${email}`,
          inArray(appointments.status, [...HOLDING_STATUSES]),
          gt(appointments.endsAt, now),
        ),
      )
      .orderBy(asc(appointments.startsAt))
      .limit(MAX_LISTED);
    if (rows.length === 0) return;
    const lines: string[] = [];
    for (const r of rows) {
      const { token, hash } = newTokenWithHash();
      await tx.insert(appointmentManageLinks).values({ appointmentId: r.id, tokenHash: hash });
      lines.push(`${r.service} at ${r.business}`, `${formatWhen(r.start, r.end, r.timezone)} (${r.timezone})`, manageUrl(token), "");
    }
    await queueMail(tx, {
      to: email,
      subject: rows.length === 1 ? "Your booking and its link" : `Your ${rows.length} upcoming bookings and their links`,
      text: [
        `Hello ${rows[0]!.clientName.replace(/[\r\n\t]+/g, " ")},`,
        "",
        "you (or someone with your email address) asked for the links to your upcoming bookings. Here they are:",
        "",
        ...lines,
        "Each link is private: anyone who has it can manage that booking. The links in earlier mails still work too.",
        "If you did not ask for this, you can ignore this mail: your bookings are unchanged.",
      ].join("\n") + "\n",
    });
  });
  return { ok: true };
}
