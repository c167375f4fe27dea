import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db";
import {
  appointments,
  closedDates,
  providerHours,
  providers,
  services,
  staffMembers,
  users,
  type Appointment,
  type AppointmentStatus,
  type Provider,
  type Service,
  type StaffMember,
  type User,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { zonedDateTimeToInstant } from "@/lib/availability";

/*
 * Test data written straight into a database, for integration tests (a `Db` from test/db.ts)
 * and for end-to-end set-up (POST /api/test/fixtures on the e2e server). Server-only: it takes a
 * `Db` and hashes passwords. Every default is unique (emails, slugs), so one database holds
 * any number of fixtures; every field can be overridden.
 */

const suffix = () => randomBytes(4).toString("hex");

// argon2id with the app's parameters is slow on purpose; a test signs many users in with the
// same password, so hash each distinct password once per process.
const hashes = new Map<string, Promise<string>>();
function passwordHashOf(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
}

export type UserOverrides = Partial<typeof users.$inferInsert> & {
  /** Plain password to sign in with; stored hashed. Without it the user cannot sign in. */
  password?: string;
};

export async function createUser(db: Db, values: UserOverrides & { role: User["role"] }): Promise<User> {
  const s = suffix();
  const { password, ...rest } = values;
  const [user] = await db
    .insert(users)
    .values({
      email: `user-${s}@example.com`,
      name: `User ${s}`,
      emailVerifiedAt: new Date(),
      passwordHash: password ? await passwordHashOf(password) : null,
      ...rest,
    })
    .returning();
  return user!;
}

export type WeeklyHours = { weekday: number; start: string; end: string }[];

/** Monday to Sunday (ISO 1–7), 09:00–17:00: any date has times. */
export const EVERY_DAY_9_TO_5: WeeklyHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));

export type ProviderFixtureOptions = {
  /** The owner's row (role is always provider). */
  owner?: UserOverrides;
  provider?: Partial<typeof providers.$inferInsert>;
  /** FREE (default) or PRO for a year from now; `provider.plan`/`proUntil` win when given. */
  plan?: "free" | "pro";
  /** The first service; `services` adds more after it. */
  service?: Partial<typeof services.$inferInsert>;
  services?: Partial<typeof services.$inferInsert>[];
  /** Weekly hours; default every day 09:00–17:00. Pass [] for none. */
  hours?: WeeklyHours;
  closedDates?: { date: string; reason?: string }[];
};

export type ProviderFixture = { owner: User; provider: Provider; service: Service; services: Service[] };

export async function createProviderFixture(db: Db, opts: ProviderFixtureOptions = {}): Promise<ProviderFixture> {
  const s = suffix();
  const owner = await createUser(db, { email: `owner-${s}@example.com`, name: `Owner ${s}`, ...opts.owner, role: "provider" });
  const pro = opts.plan === "pro" ? { plan: "pro" as const, proUntil: new Date(Date.now() + 365 * 86_400_000) } : {};
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
      ...pro,
      ...opts.provider,
    })
    .returning();
  const all: Service[] = [];
  for (const values of [opts.service ?? {}, ...(opts.services ?? [])]) all.push(await addService(db, provider!.id, values));
  await setWeeklyHours(db, provider!.id, opts.hours ?? EVERY_DAY_9_TO_5);
  for (const c of opts.closedDates ?? []) await addClosedDate(db, provider!.id, c.date, c.reason);
  return { owner, provider: provider!, service: all[0]!, services: all };
}

/** A provider and its first service without opening hours, for tests that set their own. */
export function makeProvider(db: Db, overrides: Partial<typeof providers.$inferInsert> = {}): Promise<ProviderFixture> {
  return createProviderFixture(db, { provider: overrides, hours: [] });
}

export async function addService(db: Db, providerId: string, values: Partial<typeof services.$inferInsert> = {}): Promise<Service> {
  const [service] = await db
    .insert(services)
    .values({ providerId, name: "Haircut", durationMinutes: 30, priceCents: 2500, ...values })
    .returning();
  return service!;
}

/** Adds weekly intervals (wall-clock times in the provider's zone). */
export async function setWeeklyHours(db: Db, providerId: string, hours: WeeklyHours): Promise<void> {
  if (!hours.length) return;
  await db.insert(providerHours).values(hours.map((h) => ({ providerId, weekday: h.weekday, startTime: h.start, endTime: h.end })));
}

export async function addClosedDate(db: Db, providerId: string, date: string, reason = ""): Promise<void> {
  await db.insert(closedDates).values({ providerId, date, reason });
}

export type StaffFixtureOptions = Partial<typeof staffMembers.$inferInsert> & {
  /** A login for the staff member (a `staff` user linked to the row). */
  login?: UserOverrides;
};

/** A staff member of a provider, optionally with a sign-in of their own. */
export async function addStaffMember(db: Db, providerId: string, opts: StaffFixtureOptions = {}): Promise<{ staff: StaffMember; user: User | null }> {
  const { login, ...values } = opts;
  const s = suffix();
  const user = login ? await createUser(db, { email: `staff-${s}@example.com`, name: values.name ?? `Staff ${s}`, ...login, role: "staff" }) : null;
  const [staff] = await db
    .insert(staffMembers)
    .values({ providerId, name: user?.name ?? `Staff ${s}`, email: user?.email ?? "", userId: user?.id ?? null, ...values })
    .returning();
  return { staff: staff!, user };
}

export type AppointmentFixtureOptions = {
  providerId: string;
  serviceId: string;
  startsAt: Date;
  /** Default 30. */
  minutes?: number;
  status?: AppointmentStatus;
  staffId?: string | null;
  clientUserId?: string | null;
  clientName?: string;
  clientEmail?: string;
  clientPhone?: string;
  notes?: string;
  source?: string;
  cancellationReason?: string | null;
  cancelledBy?: string | null;
  /** A manage-link token to store (hashed); default a random one nobody knows. */
  manageToken?: string;
};

/**
 * An appointment written directly, past the booking rules (any status, a past time, no mail),
 * so a test sets up exactly the state it needs. The exclusion constraint still applies.
 */
export async function createAppointment(db: Db, a: AppointmentFixtureOptions): Promise<Appointment> {
  const token = a.manageToken ?? randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(appointments)
    .values({
      providerId: a.providerId,
      serviceId: a.serviceId,
      staffId: a.staffId ?? null,
      clientUserId: a.clientUserId ?? null,
      startsAt: a.startsAt,
      endsAt: new Date(a.startsAt.getTime() + (a.minutes ?? 30) * 60_000),
      status: a.status ?? "confirmed",
      clientName: a.clientName ?? "Ada Client",
      clientEmail: a.clientEmail ?? `client-${suffix()}@example.test`,
      clientPhone: a.clientPhone ?? "+49 30 1234567",
      notes: a.notes ?? "",
      source: a.source ?? "online",
      cancellationReason: a.cancellationReason ?? null,
      cancelledBy: a.cancelledBy ?? null,
      manageTokenHash: createHash("sha256").update(token).digest("hex"),
    })
    .returning();
  return row!;
}

/** The instant of a wall-clock time at the provider ("2026-03-03", "10:00"). */
export const at = (p: Pick<Provider, "timezone">, date: string, time: string) => zonedDateTimeToInstant(date, time, p.timezone);

export const guestContact = {
  name: "Jane Guest",
  email: "jane@example.com",
  phone: "+44 20 7946 0958",
};
