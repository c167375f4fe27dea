import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db";
import {
  appointments,
  closedDates,
  mailMessages,
  providerHours,
  providers,
  services,
  staffMembers,
  users,
  type Provider,
  type Service,
  type User,
} from "@/db/schema";
import { zonedDateTimeToInstant } from "@/lib/availability";
import { QUEUES } from "@/lib/jobs/queues";

/*
 * Test data for booking tests (and anyone else's): a provider owner, their provider, one
 * service and opening hours. Unique slugs and emails, so one database can hold many.
 */

const suffix = () => randomBytes(4).toString("hex");

export type ProviderFixture = { owner: User; provider: Provider; service: Service };

export async function createProviderFixture(
  db: Db,
  opts: {
    provider?: Partial<typeof providers.$inferInsert>;
    service?: Partial<typeof services.$inferInsert>;
    /** Weekly hours; default every day 09:00–17:00. */
    hours?: { weekday: number; start: string; end: string }[];
  } = {},
): Promise<ProviderFixture> {
  const s = suffix();
  const owner = await createUser(db, { role: "provider", email: `owner-${s}@example.com`, name: `Owner ${s}` });
  const [provider] = await db
    .insert(providers)
    .values({
      ownerId: owner.id,
      businessName: `Studio ${s}`,
      slug: `studio-${s}`,
      timezone: "Europe/Berlin",
      phone: "+49 30 1234567",
      email: `studio-${s}@example.com`,
      address: "Hauptstraße 1, Berlin",
      cancellationWindowHours: 24,
      minNoticeMinutes: 60,
      bookingHorizonDays: 60,
      ...opts.provider,
    })
    .returning();
  const service = await addService(db, provider!.id, opts.service);
  const hours = opts.hours ?? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));
  if (hours.length) {
    await db
      .insert(providerHours)
      .values(hours.map((h) => ({ providerId: provider!.id, weekday: h.weekday, startTime: h.start, endTime: h.end })));
  }
  return { owner, provider: provider!, service };
}

export async function addService(
  db: Db,
  providerId: string,
  values: Partial<typeof services.$inferInsert> = {},
): Promise<Service> {
  const [service] = await db
    .insert(services)
    .values({ providerId, name: "Haircut", durationMinutes: 30, priceCents: 2500, ...values })
    .returning();
  return service!;
}

export async function addStaffMember(db: Db, providerId: string, name = "Alex"): Promise<string> {
  const [row] = await db.insert(staffMembers).values({ providerId, name }).returning({ id: staffMembers.id });
  return row!.id;
}

export async function addClosedDate(db: Db, providerId: string, date: string): Promise<void> {
  await db.insert(closedDates).values({ providerId, date });
}

export async function createUser(
  db: Db,
  values: Partial<typeof users.$inferInsert> & { role: User["role"] },
): Promise<User> {
  const s = suffix();
  const [user] = await db
    .insert(users)
    .values({ email: `user-${s}@example.com`, name: `User ${s}`, emailVerifiedAt: new Date(), ...values })
    .returning();
  return user!;
}

/** The instant of a wall-clock time at the provider ("2026-03-03", "10:00"). */
export const at = (p: Pick<Provider, "timezone">, date: string, time: string) =>
  zonedDateTimeToInstant(date, time, p.timezone);

export const guestContact = {
  name: "Jane Guest",
  email: "jane@example.com",
  phone: "+44 20 7946 0958",
};

/** Row counts of what a booking writes: appointments, mails and queued mail jobs. */
export async function countWrites(db: Db): Promise<{ appointments: number; mails: number; jobs: number }> {
  const [a] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${appointments}`);
  const [m] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${mailMessages}`);
  const [j] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.mail}`);
  return { appointments: a!.n, mails: m!.n, jobs: j!.n };
}
